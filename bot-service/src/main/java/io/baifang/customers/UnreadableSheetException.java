package io.baifang.customers;

/**
 * Why a file cannot be imported at all: nothing of it is imported. The message is for the person who
 * uploaded it and says what to do; it never quotes a cell.
 */
final class UnreadableSheetException extends Exception {

    enum Problem {
        /** The file holds nothing, or only blank rows. */
        EMPTY,
        /** Not a spreadsheet at all: a PDF, a picture, a zip of something else, binary data, text in no known encoding. */
        NOT_A_SHEET,
        /** A spreadsheet in a format we do not read: legacy .xls, .xlsb, .ods, a password-protected workbook. */
        UNSUPPORTED_FORMAT,
        /** A sheet without a required column, or without a header row. */
        MISSING_COLUMN,
        /** A damaged file: a broken zip or XML, an unclosed quote in a CSV. */
        CORRUPT
    }

    private final Problem problem;

    UnreadableSheetException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    UnreadableSheetException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    Problem problem() {
        return problem;
    }

    /** The same, thrown from {@code hasNext()}/{@code next()} when a file breaks part-way: the caller rolls the import back. */
    Unchecked unchecked() {
        return new Unchecked(this);
    }

    static final class Unchecked extends RuntimeException {

        Unchecked(UnreadableSheetException cause) {
            super(cause.getMessage(), cause);
        }

        Problem problem() {
            return checked().problem();
        }

        UnreadableSheetException checked() {
            return (UnreadableSheetException) getCause();
        }
    }
}
