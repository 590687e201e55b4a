package io.baifang.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import reactor.core.publisher.Mono;

/**
 * HTTP Basic sends the password on every request, and BCrypt is slow on purpose (tens of milliseconds of
 * CPU). A successful check is remembered for a few minutes under a SHA-256 of username and password, so a
 * script making thousands of calls pays BCrypt once; any change to the users forgets everything at once.
 */
class RememberedSignIns implements ReactiveAuthenticationManager {

    private static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    private static final int MAX_REMEMBERED = 10_000;
    private final AtomicLong generation = new AtomicLong();

    private final ReactiveAuthenticationManager checkPassword;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    RememberedSignIns(ReactiveAuthenticationManager checkPassword) {
        this.checkPassword = checkPassword;
    }

    /** Called whenever a user is created, changed or deleted. */
    void forgetAll() {
        generation.incrementAndGet();
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        if (!(attempt instanceof UsernamePasswordAuthenticationToken) || attempt.getCredentials() == null) {
            return checkPassword.authenticate(attempt);
        }
        String key = fingerprint(attempt.getName(), attempt.getCredentials().toString());
        long now = System.nanoTime();
        long currentGeneration = generation.get();
        Remembered hit = remembered.get(key);
        if (hit != null && hit.generation == currentGeneration && now - hit.at < REMEMBER_FOR.toNanos()) {
            return Mono.just(hit.authentication);
        }
        return checkPassword.authenticate(attempt)
                .doOnNext(authentication -> remember(key, authentication, currentGeneration, now));
    }

    private void remember(String key, Authentication authentication, long atGeneration, long now) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(authentication, atGeneration, now));
    }

    private static String fingerprint(String username, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Remembered(Authentication authentication, long generation, long at) {
    }
}
