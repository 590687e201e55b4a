/**
 * The branch network from {@code config/branches.yml}: each branch's address, opening hours per weekday,
 * closed dates, visit capacity per half hour and daily contact target (日访N户). Read once at start-up and
 * validated, so a bad entry stops the service with a message naming it. Other modules ask
 * {@link io.baifang.branches.BranchNetwork}.
 */
package io.baifang.branches;
