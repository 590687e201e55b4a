package io.baifang.branches;

/** The branch configuration cannot be used; the message names the file and the bad entry. */
class InvalidBranchConfiguration extends RuntimeException {

    InvalidBranchConfiguration(String message) {
        super(message);
    }
}
