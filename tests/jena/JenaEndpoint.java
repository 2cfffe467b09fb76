// A SPARQL 1.1 Protocol query endpoint on Apache Jena's ARQ engine over an in-memory TDB2
// dataset that queries the union of its named graphs -- what Fuseki serves with
// `tdb2:unionDefaultGraph true`, written against Debian's libapache-jena-java (Jena 4.5) and the
// JDK's HTTP server because Fuseki's own artifacts are not reachable from this machine.
// The drugkg engine tests compile and start it (tests/servers.py: jena_server):
//   java -cp JARS:. JenaEndpoint PORT FILE.nq     (prints "ready" once loaded)
// GET or POST /query with query=... (form-encoded) or an application/sparql-query body;
// SELECT and ASK answer application/sparql-results+json, CONSTRUCT and DESCRIBE application/n-triples;
// an unparsable query 400, anything else that fails 500, an update never (query endpoint only).

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.Syntax;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.TDB2Factory;

public final class JenaEndpoint {
    private JenaEndpoint() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        Dataset ds = TDB2Factory.createDataset();
        Txn.executeWrite(ds, () -> RDFDataMgr.read(ds, args[1], Lang.NQUADS));
        ds.getContext().set(TDB2.symUnionDefaultGraph, true);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/query", exchange -> answer(ds, exchange));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.println("ready");
        System.out.flush();
    }

    private static String param(String encoded, String name) {
        if (encoded == null) {
            return null;
        }
        for (String part : encoded.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String queryText(HttpExchange exchange) throws IOException {
        if ("GET".equals(exchange.getRequestMethod())) {
            return param(exchange.getRequestURI().getRawQuery(), "query");
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String ctype = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        return ctype.startsWith("application/sparql-query") ? body : param(body, "query");
    }

    private static void answer(Dataset ds, HttpExchange exchange) throws IOException {
        try {
            String text = queryText(exchange);
            if (text == null) {
                send(exchange, 400, "text/plain", "no query= parameter");
                return;
            }
            Query query;
            try {
                query = QueryFactory.create(text, Syntax.syntaxARQ);
            } catch (QueryParseException exc) {
                send(exchange, 400, "text/plain", "parse error: " + exc.getMessage());
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String ctype = Txn.calculateRead(ds, () -> {
                try (QueryExecution exec = QueryExecutionFactory.create(query, ds)) {
                    exec.getContext().set(TDB2.symUnionDefaultGraph, true);
                    if (query.isSelectType()) {
                        ResultSetFormatter.outputAsJSON(out, exec.execSelect());
                    } else if (query.isAskType()) {
                        ResultSetFormatter.outputAsJSON(out, exec.execAsk());
                    } else {
                        RDFDataMgr.write(out, query.isConstructType() ? exec.execConstruct() : exec.execDescribe(), Lang.NTRIPLES);
                        return "application/n-triples";
                    }
                    return "application/sparql-results+json";
                }
            });
            send(exchange, 200, ctype, out.toByteArray());
        } catch (RuntimeException exc) {
            send(exchange, 500, "text/plain", String.valueOf(exc));
        }
    }

    private static void send(HttpExchange exchange, int code, String ctype, String text) throws IOException {
        send(exchange, code, ctype + "; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int code, String ctype, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", ctype);
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }
}
