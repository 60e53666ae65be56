package dev.faultline.examples.shop.user;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The registered users: a fixed set, enough for the load test to pick from. */
@ApplicationScoped
public class UserDirectory {

    static final int SIZE = 50;

    private final Map<String, User> byId = IntStream.rangeClosed(1, SIZE)
            .mapToObj(i -> new User("u-" + i, "User " + i, "user" + i + "@shop.example"))
            .collect(Collectors.toUnmodifiableMap(User::id, Function.identity()));

    public Optional<User> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
