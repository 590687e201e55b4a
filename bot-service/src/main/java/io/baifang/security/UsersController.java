package io.baifang.security;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.baifang.shared.PageOf;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Staff users, for ADMINs (enforced by the security filter chain). */
@RestController
@RequestMapping("/api/users")
@Validated
class UsersController {

    private final UserAccounts accounts;
    private final CurrentStaff currentStaff;

    UsersController(UserAccounts accounts, CurrentStaff currentStaff) {
        this.accounts = accounts;
        this.currentStaff = currentStaff;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UserView> create(@Valid @RequestBody NewUser request) {
        return accounts.create(request.username(), request.password(), request.role(), request.branches())
                .map(UserView::of);
    }

    @GetMapping
    Mono<PageOf<UserView>> list(@RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return accounts.page(page, size)
                .map(found -> new PageOf<>(found.items().stream().map(UserView::of).toList(),
                        found.page(), found.size(), found.total()));
    }

    @GetMapping("/{username}")
    Mono<UserView> one(@PathVariable String username) {
        return accounts.find(username).map(UserView::of);
    }

    @PatchMapping("/{username}")
    Mono<UserView> change(@PathVariable String username, @Valid @RequestBody UserChange request) {
        return accounts.change(username, request.password(), request.role(), request.branches()).map(UserView::of);
    }

    @DeleteMapping("/{username}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String username) {
        return currentStaff.get().flatMap(caller -> accounts.remove(username, caller));
    }

    record NewUser(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{2,64}", message = "2–64 letters, digits, '.', '_' or '-'")
            String username,
            @NotNull @Size(min = 8, max = 128, message = "must be 8–128 characters") String password,
            @NotNull Role role,
            List<String> branches) {
    }

    record UserChange(
            @Size(min = 8, max = 128, message = "must be 8–128 characters") String password,
            Role role,
            List<String> branches) {
    }

    record UserView(String username, Role role, List<String> branches, OffsetDateTime createdAt,
                    OffsetDateTime updatedAt) {

        static UserView of(StaffUser user) {
            return new UserView(user.username(), user.role(), List.copyOf(user.branches()), user.createdAt(),
                    user.updatedAt());
        }
    }
}
