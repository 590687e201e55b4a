package io.baifang.security;

/** STAFF works one branch, MANAGER oversees several, ADMIN runs the deployment. */
public enum Role {
    STAFF, MANAGER, ADMIN
}
