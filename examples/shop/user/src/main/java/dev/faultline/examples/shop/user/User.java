package dev.faultline.examples.shop.user;

/** A shop customer. */
public record User(String id, String name, String email) {

    public User {
        if (id == null || id.isBlank() || name == null || name.isBlank() || email == null || !email.contains("@")) {
            throw new IllegalArgumentException("a user needs an id, a name and an e-mail address");
        }
    }
}
