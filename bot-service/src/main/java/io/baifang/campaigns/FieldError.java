package io.baifang.campaigns;

/** One field of a campaign request that is not right, and why, in words the person who sent it can act on. */
record FieldError(String field, String message) {
}
