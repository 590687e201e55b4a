package io.baifang.shared;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The problem details every module answers with for a bad field or a move not possible now. */
public final class Problems {

    private Problems() {
    }

    /** 400 naming one field: {@code detail} "field: message" and {@code errors} [{field, message}]. */
    public static ErrorResponseException fieldError(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + message);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** 409 saying why the thing asked for is not possible in the state things are in. */
    public static ErrorResponseException conflict(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Not possible now");
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }
}
