/**
 * The customer registry: lead-sheet (信息采集表) import, customers with tags, branch, village, consent and
 * opt-out, the history of which sheet and row set each value, and the protection of ID numbers (encrypted
 * at rest, masked in every response, never logged). Other modules use {@link io.baifang.customers.CustomerDirectory}
 * and react to {@link io.baifang.customers.CustomerOptedOut} / {@link io.baifang.customers.CustomerOptedIn}.
 * An audience ({@link io.baifang.customers.CustomerCriteria}: branches, tags, collection dates, consent,
 * exclusions, a list of phones) is answered as a stream ({@code streamMatching}) or as a statement
 * another module nests in a set-based statement of its own ({@code idQuery}, for a campaign's
 * {@code INSERT … SELECT}): the registry keeps the table and the filter.
 */
package io.baifang.customers;
