/**
 * The customer registry: lead-sheet (信息采集表) import, customers with tags, branch, village, consent and
 * opt-out, the history of which sheet and row set each value, and the protection of ID numbers (encrypted
 * at rest, masked in every response, never logged). Other modules use {@link io.baifang.customers.CustomerDirectory}
 * and react to {@link io.baifang.customers.CustomerOptedOut} / {@link io.baifang.customers.CustomerOptedIn}.
 */
package io.baifang.customers;
