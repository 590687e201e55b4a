package io.baifang.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterEach;

/** Buckets in the real Redis, each {@link #rates()} on a connection of its own, as two instances would be. */
@RequiresServer(RealServer.REDIS)
class RedisSendRatesTests extends SendRatesContractTests {

    private final RedisClient client = RedisClient.create(RedisURI.builder()
            .withHost(RealServer.REDIS.host())
            .withPort(RealServer.REDIS.port())
            .withTimeout(Duration.ofSeconds(10))
            .build());

    private final String prefix = "test:rates:" + UUID.randomUUID().toString().substring(0, 8);

    private final List<RedisSendRates> opened = new ArrayList<>();

    @Override
    SendRates rates() {
        RedisSendRates rates = new RedisSendRates(client, prefix);
        opened.add(rates);
        return rates;
    }

    @AfterEach
    void closeConnections() {
        opened.forEach(RedisSendRates::close);
        client.shutdown();
    }
}
