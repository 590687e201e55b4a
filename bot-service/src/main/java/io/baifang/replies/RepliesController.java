package io.baifang.replies;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebInputException;

import tools.jackson.core.JacksonException;

/**
 * {@code POST /api/replies/understand}: one reply in, the reader's decision out, exactly the contract's four
 * fields. The reader is pure and answers in microseconds, so it runs on the request thread.
 */
@RestController
@RequestMapping("/api/replies")
class RepliesController {

    private static final DateTimeFormatter HOURS_AND_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    private final ReplyReader reader;

    RepliesController(ReplyReader reader) {
        this.reader = reader;
    }

    /** What the caller sends; {@code offeredDate} and {@code hasBooking} may be left out. */
    record UnderstandRequest(
            @NotBlank(message = "text is required and must not be blank") String text,
            @NotNull(message = "receivedAt is required, as an ISO-8601 date-time with offset") OffsetDateTime receivedAt,
            LocalDate offeredDate,
            Boolean hasBooking) {
    }

    /** The contract's answer: dates as YYYY-MM-DD, times as HH:MM, absent values as null (not left out). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UnderstandResponse(String intent, String date, String time, String partOfDay) {

        static UnderstandResponse of(ReplyUnderstanding understanding) {
            return new UnderstandResponse(
                    understanding.intent().name(),
                    understanding.date() == null ? null : understanding.date().toString(),
                    understanding.time() == null ? null : understanding.time().format(HOURS_AND_MINUTES),
                    understanding.partOfDay() == null ? null : understanding.partOfDay().name());
        }
    }

    @PostMapping("/understand")
    UnderstandResponse understand(@Valid @RequestBody UnderstandRequest request) {
        Reply reply = new Reply(request.text(), request.receivedAt(), request.offeredDate(),
                Boolean.TRUE.equals(request.hasBooking()));
        return UnderstandResponse.of(reader.understand(reply));
    }

    @ExceptionHandler(WebExchangeBindException.class)
    ResponseEntity<ProblemDetail> invalidFields(WebExchangeBindException invalid) {
        List<FieldError> errors = invalid.getFieldErrors();
        String detail = errors.stream()
                .map(error -> error.getDefaultMessage() == null ? error.getField() + " is invalid" : error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; "));
        return badRequest(detail.isEmpty() ? "The reply is invalid" : detail);
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadableBody(ServerWebInputException unreadable) {
        String field = fieldOf(unreadable);
        String detail = field == null
                ? "The body must be a JSON object with text and receivedAt"
                : field + " is not valid" + expectedFormatOf(field);
        return badRequest(detail);
    }

    private static String fieldOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                return jackson.getPath().get(0).getPropertyName();
            }
        }
        return null;
    }

    private static String expectedFormatOf(String field) {
        switch (field) {
            case "receivedAt":
                return ": expected an ISO-8601 date-time with offset, e.g. 2027-02-03T14:20:00+08:00";
            case "offeredDate":
                return ": expected a date as YYYY-MM-DD";
            case "hasBooking":
                return ": expected true or false";
            default:
                return "";
        }
    }

    private static ResponseEntity<ProblemDetail> badRequest(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid reply");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
