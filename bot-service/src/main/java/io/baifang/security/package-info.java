/**
 * Staff users, roles and branch scoping, and sign-in (HTTP Basic for the API, a session for the console).
 * Other modules ask {@link io.baifang.security.CurrentStaff} who is calling and which branches they may see;
 * anything outside those branches is answered as if it did not exist.
 */
package io.baifang.security;
