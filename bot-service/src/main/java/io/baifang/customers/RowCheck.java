package io.baifang.customers;

/** What the checks made of a row: a lead ready to be matched and stored, or the reason it is rejected. */
sealed interface RowCheck permits CheckedLead, RowRejection {

    int row();
}
