package io.baifang.shared;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.StringJoiner;
import java.util.function.Function;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Writes many rows per statement. R2DBC batches ({@code Statement.add()}) cost a round trip per row on
 * PostgreSQL, and even one multi-row statement costs r2dbc-postgresql a reactive encoding step per bound
 * value. So on PostgreSQL each column travels as one array and the statement reads them back with
 * {@code unnest(…)}: a handful of parameters per thousand rows; a column with the same value in every row (the
 * batch's time, its campaign) travels as that one value. H2 (the embedded default) gets the portable
 * form, {@code INSERT … VALUES (…),(…)} and {@code MERGE … USING (VALUES …)}. The registry's imports, the
 * contact log and the campaign send path write through here. {@link #anyOf} is the same idea for a list of keys
 * in a {@code where}: one array on PostgreSQL, a list of values on H2.
 */
public final class MultiRowStatements {

    /** PostgreSQL takes at most 65,535 parameters in one statement. */
    private static final int MAX_PARAMETERS = 30_000;

    private MultiRowStatements() {
    }

    public record Column(String name, Class<?> type) {
    }

    public static <T> Mono<Void> insert(DatabaseClient db, String table, List<Column> columns, List<T> rows,
                                 Function<T, Object[]> values) {
        if (onPostgres(db)) {
            return asArrays(db, columns, rows, values, source -> "insert into " + table + " (" + names(columns)
                    + ") select * from " + source).then();
        }
        String head = "insert into " + table + " (" + names(columns) + ") values ";
        return inSlices(db, columns, rows, values, placeholders -> head + placeholders).then();
    }

    /**
     * Updates the rows found by the first column (the key) where {@code condition} holds, with {@code set}
     * ({@code column = expression, …}); both refer to the table as {@code t} and to the row given as {@code v}
     * (e.g. {@code status = v.status} where {@code t.status = 'QUEUED'}). How many rows changed.
     */
    public static <T> Mono<Long> update(DatabaseClient db, String table, List<Column> columns, List<T> rows,
                                        Function<T, Object[]> values, String set, String condition) {
        String key = columns.get(0).name();
        if (onPostgres(db)) {
            return asArrays(db, columns, rows, values, source -> "update " + table + " t set " + set + " from "
                    + source + " where t." + key + " = v." + key + " and (" + condition + ")");
        }
        return inSlices(db, columns, rows, values, placeholders -> "merge into " + table + " t using (values "
                + placeholders + ") as v(" + names(columns) + ") on t." + key + " = v." + key
                + " when matched and (" + condition + ") then update set " + set);
    }

    /**
     * A {@code where} term matching {@code column} against a list of keys bound as {@code :parameter}: one array
     * ({@code column = any(:parameter)}) on PostgreSQL, {@code column in (:parameter)} on H2. Bind the keys with
     * {@link #keys}.
     */
    public static String anyOf(DatabaseClient db, String column, String parameter) {
        return onPostgres(db) ? column + " = any(:" + parameter + ")" : column + " in (:" + parameter + ")";
    }

    /** The keys for a term of {@link #anyOf}: an array on PostgreSQL, a list on H2 (never empty). */
    public static <K> Object keys(DatabaseClient db, Collection<K> keys, Class<K> type) {
        if (onPostgres(db)) {
            @SuppressWarnings("unchecked")
            K[] array = keys.toArray((K[]) Array.newInstance(type, keys.size()));
            return array;
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no keys: \"in ()\" is not SQL");
        }
        return List.copyOf(keys);
    }

    /** Updates rows found by the first column (the key) to the values given for every other column. */
    public static <T> Mono<Void> updateByKey(DatabaseClient db, String table, List<Column> columns, List<T> rows,
                                      Function<T, Object[]> values) {
        StringJoiner assignments = new StringJoiner(", ");
        columns.stream().skip(1).forEach(column -> assignments.add(column.name() + " = v." + column.name()));
        return update(db, table, columns, rows, values, assignments.toString(), "1 = 1").then();
    }

    private static <T> Mono<Long> inSlices(DatabaseClient db, List<Column> columns, List<T> rows,
                                                  Function<T, Object[]> values, Function<String, String> sqlFor) {
        if (rows.isEmpty()) {
            return Mono.just(0L);
        }
        int rowsPerStatement = Math.max(1, MAX_PARAMETERS / columns.size());
        return Flux.range(0, (rows.size() + rowsPerStatement - 1) / rowsPerStatement)
                .map(slice -> rows.subList(slice * rowsPerStatement, Math.min(rows.size(), (slice + 1) * rowsPerStatement)))
                .concatMap(slice -> execute(db, columns, slice, values, sqlFor))
                .reduce(0L, Long::sum);
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

    /**
     * Binds each column as one array, or, when every row has the same value in it (a batch's time, status,
     * campaign), as that one value: {@code sqlFor} gets the rows as a source named {@code v} with every column.
     */
    private static <T> Mono<Long> asArrays(DatabaseClient db, List<Column> columns, List<T> rows,
                                                  Function<T, Object[]> values, Function<String, String> sqlFor) {
        if (rows.isEmpty()) {
            return Mono.just(0L);
        }
        Object[][] byColumn = new Object[columns.size()][rows.size()];
        for (int row = 0; row < rows.size(); row++) {
            Object[] rowValues = values.apply(rows.get(row));
            for (int column = 0; column < rowValues.length; column++) {
                byColumn[column][row] = rowValues[column];
            }
        }
        List<Object> parameters = new ArrayList<>();
        StringJoiner selected = new StringJoiner(", ");
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner arrayNames = new StringJoiner(", ");
        for (int column = 0; column < columns.size(); column++) {
            Column described = columns.get(column);
            String type = POSTGRES_TYPES.get(described.type());
            boolean same = rows.size() > 1 && column > 0 && allEqual(byColumn[column]);
            if (same) {
                parameters.add(byColumn[column][0] == null ? described.type() : byColumn[column][0]);
                selected.add("$" + parameters.size() + "::" + type + " as " + described.name());
            } else {
                Object array = Array.newInstance(described.type(), rows.size());
                System.arraycopy(byColumn[column], 0, array, 0, rows.size());
                parameters.add(array);
                arrays.add("$" + parameters.size() + "::" + type + "[]");
                arrayNames.add(described.name());
                selected.add("a." + described.name());
            }
        }
        String source = "(select " + selected + " from unnest(" + arrays + ") as a(" + arrayNames + ")) as v";
        String sql = sqlFor.apply(source);
        return db.inConnection(connection -> {
            Statement statement = connection.createStatement(sql);
            for (int index = 0; index < parameters.size(); index++) {
                if (parameters.get(index) instanceof Class<?> nullOfType) {
                    statement.bindNull(index, nullOfType);
                } else {
                    statement.bind(index, parameters.get(index));
                }
            }
            return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
        });
    }

    private static boolean allEqual(Object[] values) {
        for (int i = 1; i < values.length; i++) {
            if (!java.util.Objects.equals(values[0], values[i])) {
                return false;
            }
        }
        return true;
    }

    public static boolean onPostgres(DatabaseClient db) {
        return db.getConnectionFactory().getMetadata().getName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    private static final Map<Class<?>, String> POSTGRES_TYPES = Map.of(
            UUID.class, "uuid", String.class, "varchar", Boolean.class, "boolean", Integer.class, "int4",
            Long.class, "int8", BigDecimal.class, "numeric", LocalDate.class, "date",
            OffsetDateTime.class, "timestamptz");

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
