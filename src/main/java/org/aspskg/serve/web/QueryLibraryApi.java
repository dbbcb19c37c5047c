package org.aspskg.serve.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aspskg.query.LibraryQuery;
import org.aspskg.query.QueryLibrary;

/**
 * {@code GET /api/queries}: the query library (copied into the jar by the build) as the console's
 * examples menu, grouped as {@code query-groups.tsv} says: each query's number, name, question, what it
 * returns and its text.
 */
final class QueryLibraryApi extends HttpServlet {
    static final String PATH = "/api/queries";
    static final String OTHER = "Other";

    private volatile byte[] body;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (body == null) body = json().getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/json;charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** The grouped library as JSON: {@code {"groups":[{"name":…,"queries":[…]}]}}. */
    static String json(Path libraryDir) {
        Map<String, String> groupOf = new LinkedHashMap<>();
        Map<String, ArrayNode> groups = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("groups");
        for (String line : TermReports.resource("query-groups.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cells = line.split("\t");
            ObjectNode g = list.addObject().put("name", cells[0]);
            groups.put(cells[0], g.putArray("queries"));
            for (String n : cells[1].strip().split(" +")) groupOf.put(n, cells[0]);
        }
        for (LibraryQuery q : QueryLibrary.load(libraryDir).queries()) {
            String group = groupOf.getOrDefault(q.number(), OTHER);
            if (!groups.containsKey(group))
                groups.put(group, list.addObject().put("name", group).putArray("queries"));
            String text;
            try {
                text = Files.readString(q.file(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            groups.get(group)
                    .addObject()
                    .put("id", q.id())
                    .put("number", q.number())
                    .put("question", q.question())
                    .put(
                            "returns",
                            q.header().getOrDefault(LibraryQuery.RETURNS, "").replaceAll("\\s*\\n\\s*", " "))
                    .put("query", text);
        }
        return root.toString();
    }

    /** The grouped library inside the jar (or in target/classes when run from the build). */
    static String json() {
        return JarFiles.read("queries", QueryLibraryApi::json);
    }
}
