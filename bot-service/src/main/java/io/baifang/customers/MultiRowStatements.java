package io.baifang.customers;

import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes many rows per statement: one {@code INSERT … VALUES (…),(…)} or {@code MERGE … USING (VALUES …)}
 * per slice of rows. R2DBC batches ({@code Statement.add()}) cost a round trip per row on PostgreSQL, which
 * made a 100,000-row import take minutes; this takes one per few hundred rows. Both H2 and PostgreSQL
 * (15 and later, for MERGE) accept these statements.
 */
final class MultiRowStatements {

    /** PostgreSQL takes at most 65,535 parameters in one statement. */
    private static final int MAX_PARAMETERS = 30_000;

    private MultiRowStatements() {
    }

    record Column(String name, Class<?> type) {
    }

    static <T> Mono<Void> insert(DatabaseClient db, String table, List<Column> columns, List<T> rows,
                                 Function<T, Object[]> values) {
        String head = "insert into " + table + " (" + names(columns) + ") values ";
        return inSlices(db, columns, rows, values, placeholders -> head + placeholders);
    }

    /** Updates rows found by the first column (the key) to the values given for every other column. */
    static <T> Mono<Void> updateByKey(DatabaseClient db, String table, List<Column> columns, List<T> rows,
                                      Function<T, Object[]> values) {
        String key = columns.get(0).name();
        StringJoiner assignments = new StringJoiner(", ");
        columns.stream().skip(1).forEach(column -> assignments.add(column.name() + " = v." + column.name()));
        return inSlices(db, columns, rows, values, placeholders -> "merge into " + table + " t using (values "
                + placeholders + ") as v(" + names(columns) + ") on t." + key + " = v." + key
                + " when matched then update set " + assignments);
    }

    private static <T> Mono<Void> inSlices(DatabaseClient db, List<Column> columns, List<T> rows,
                                           Function<T, Object[]> values, Function<String, String> sqlFor) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        int rowsPerStatement = Math.max(1, MAX_PARAMETERS / columns.size());
        return Flux.range(0, (rows.size() + rowsPerStatement - 1) / rowsPerStatement)
                .map(slice -> rows.subList(slice * rowsPerStatement, Math.min(rows.size(), (slice + 1) * rowsPerStatement)))
                .concatMap(slice -> execute(db, columns, slice, values, sqlFor))
                .then();
    }

    private static <T> Mono<Long> execute(DatabaseClient db, List<Column> columns, List<T> slice,
                                          Function<T, Object[]> values, Function<String, String> sqlFor) {
        String sql = sqlFor.apply(placeholders(columns.size(), slice.size()));
        return db.inConnection(connection -> {
            Statement statement = connection.createStatement(sql);
            int index = 0;
            for (T row : slice) {
                Object[] rowValues = values.apply(row);
                for (int column = 0; column < rowValues.length; column++, index++) {
                    if (rowValues[column] == null) {
                        statement.bindNull(index, columns.get(column).type());
                    } else {
                        statement.bind(index, rowValues[column]);
                    }
                }
            }
            return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
        });
    }

    private static String placeholders(int columns, int rows) {
        StringBuilder sql = new StringBuilder();
        int parameter = 1;
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "(" : ", (");
            for (int column = 0; column < columns; column++, parameter++) {
                sql.append(column == 0 ? "$" : ", $").append(parameter);
            }
            sql.append(')');
        }
        return sql.toString();
    }

    private static String names(List<Column> columns) {
        StringJoiner names = new StringJoiner(", ");
        columns.forEach(column -> names.add(column.name()));
        return names.toString();
    }
}
