package org.aspskg.query;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.iterator.QueryIterSingleton;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.service.single.ServiceExecutor;
import org.apache.jena.sparql.util.Context;
import org.aspskg.AspsKgException;

/**
 * Which remote endpoints a query's {@code SERVICE} may call. Off by default: a query of the public
 * endpoint must not make the server fetch a URL of the sender's choosing (a request forgery that
 * also scans ports: an open port answers differently from a closed one). {@code --allow-service URL}
 * allows endpoints whose URL starts with one of the given prefixes.
 *
 * <p>The policy goes into a query's ARQ context: {@link ARQ#httpServiceAllowed} (Jena's own switch,
 * false when nothing is allowed) and a {@link ServiceExecutorRegistry} whose first link checks the
 * endpoint's URL after variables are bound, so {@code SERVICE ?endpoint} is checked against the value
 * it takes. A refused {@code SERVICE} fails the query ({@code SERVICE SILENT}: contributes nothing),
 * and no connection is made. Allowed endpoints are called by an HTTP client that follows no redirect,
 * so an allowed endpoint cannot send the server on to another address.
 */
public final class ServicePolicy {
    private static final ServicePolicy NONE = new ServicePolicy(List.of());

    private final List<String> allowedPrefixes;

    private ServicePolicy(List<String> allowedPrefixes) {
        this.allowedPrefixes = List.copyOf(allowedPrefixes);
    }

    /** No SERVICE calls at all (the default). */
    public static ServicePolicy none() {
        return NONE;
    }

    /** SERVICE calls to endpoints whose URL starts with one of {@code prefixes} (http or https URLs). */
    public static ServicePolicy allow(List<String> prefixes) {
        for (String p : prefixes) {
            URI uri;
            try {
                uri = URI.create(p);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null
                    || uri.getHost() == null
                    || !List.of("http", "https").contains(uri.getScheme())) {
                throw new AspsKgException(
                        "--allow-service " + p + " is not an http(s) URL",
                        "Give the remote endpoint's URL, e.g. --allow-service https://sparql.example.org/sparql");
            }
        }
        return new ServicePolicy(prefixes);
    }

    public List<String> allowedPrefixes() {
        return allowedPrefixes;
    }

    /** Whether a SERVICE call to {@code url} is allowed: it is a prefix, or continues one at a path boundary. */
    public boolean allows(String url) {
        for (String prefix : allowedPrefixes) {
            if (!url.startsWith(prefix)) continue;
            if (url.length() == prefix.length() || prefix.endsWith("/")) return true;
            char next = url.charAt(prefix.length());
            if (next == '/' || next == '?' || next == '#') return true;
        }
        return false;
    }

    /** Puts this policy into a query execution context. */
    public void applyTo(Context context) {
        context.set(ARQ.httpServiceAllowed, !allowedPrefixes.isEmpty());
        ServiceExecutorRegistry registry = new ServiceExecutorRegistry();
        registry.add(ServiceExecutorRegistry.httpService);
        registry.addSingleLink(this::check); // added last, tried first
        ServiceExecutorRegistry.set(context, registry);
        if (!allowedPrefixes.isEmpty()) {
            context.set(
                    ARQ.httpQueryClient,
                    HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofSeconds(10))
                            .build());
        }
    }

    /** A new context with this policy. */
    public Context context() {
        Context context = new Context();
        applyTo(context);
        return context;
    }

    private QueryIterator check(
            OpService opExecute,
            OpService opOriginal,
            Binding binding,
            ExecutionContext execCxt,
            ServiceExecutor chain) {
        Node service = opExecute.getService();
        if (service.isURI() && allows(service.getURI())) {
            return chain.createExecution(opExecute, opOriginal, binding, execCxt);
        }
        if (opExecute.getSilent()) return QueryIterSingleton.create(binding, execCxt);
        throw new QueryDeniedException("SERVICE " + (service.isURI() ? "<" + service.getURI() + ">" : service)
                + " is not allowed here"
                + (allowedPrefixes.isEmpty()
                        ? " (federated queries are off; --allow-service URL allows an endpoint)"
                        : "; allowed: " + String.join(", ", allowedPrefixes)));
    }
}
