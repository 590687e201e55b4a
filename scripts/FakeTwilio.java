import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Twilio's REST API, for the campaign benchmark: every POST to
 * {@code /2010-04-01/Accounts/<sid>/Messages.json} is answered 201 with the shape the SDK reads
 * ({@code sid}, {@code status} queued, ...), at once. It sends no status callbacks. JDK only.
 *
 *   java scripts/FakeTwilio.java [port=18090]
 *
 * {@code GET /count} answers how many messages it accepted.
 */
public class FakeTwilio {

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18090;
        AtomicLong accepted = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/count", exchange -> answer(exchange, 200, "text/plain", Long.toString(accepted.get())));
        server.createContext("/2010-04-01/Accounts/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
                answer(exchange, 404, "application/json", "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
                return;
            }
            accepted.incrementAndGet();
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            answer(exchange, 201, "application/json", "{\"sid\":\"" + sid + "\",\"status\":\"queued\","
                    + "\"num_segments\":\"1\",\"direction\":\"outbound-api\",\"api_version\":\"2010-04-01\"}");
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        System.out.println("fake Twilio on http://localhost:" + port);
    }

    private static void answer(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
