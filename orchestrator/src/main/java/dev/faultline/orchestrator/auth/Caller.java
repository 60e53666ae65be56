package dev.faultline.orchestrator.auth;

import dev.faultline.common.auth.Role;
import jakarta.enterprise.context.RequestScoped;

/** Who sent the current request, as the auth filter established it. */
@RequestScoped
public class Caller {

    private String name = "anonymous";
    private Role role = Role.VIEWER;

    void set(String name, Role role) {
        this.name = name;
        this.role = role;
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }
}
