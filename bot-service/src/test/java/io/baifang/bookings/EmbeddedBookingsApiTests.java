package io.baifang.bookings;

import org.springframework.test.context.TestPropertySource;

/** The bookings API on the embedded default: H2 in a fresh data directory. */
@TestPropertySource(properties = "baifang.data-dir=${java.io.tmpdir}/baifang-tests/bookings-${random.uuid}")
class EmbeddedBookingsApiTests extends BookingsApiContract {
}
