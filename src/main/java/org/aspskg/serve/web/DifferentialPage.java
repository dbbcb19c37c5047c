package org.aspskg.serve.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /ddx}: the differential diagnosis form. Age, sex, present and absent findings (with
 * autocomplete from the search API) are posted as a JSON case to {@code POST /asps/ddx}; the ranking
 * is drawn as bars of post-test probability with each hypothesis's evidence ({@code ddx.js}). The
 * form's fields are also the page's query string, so the address of a ranked case is its permalink.
 * Only on a server that stores cases ({@code --allow-writes}) does the form offer to store the case
 * ({@code ?store=true}, which asks for a login of the server's password file).
 */
final class DifferentialPage extends HttpServlet {
    static final String PATH = "/ddx";

    /** Offered only where the server allows writes: the case and its ranking go into the cases graph. */
    static final String STORE_OPTION = """
            <p class="store"><input id="store" type="checkbox" value="true"> <label for="store">Store the case \
            and its ranking in this server's cases graph</label> <span class="note">(asks for a login of the \
            server's password file)</span></p>
            """;

    private final boolean available;
    private final boolean writesAllowed;

    DifferentialPage(boolean available, boolean writesAllowed) {
        this.available = available;
        this.writesAllowed = writesAllowed;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!available) {
            Pages.send(
                    resp,
                    404,
                    Html.page(
                            "Differential diagnosis",
                            Html.Nav.DDX,
                            "<h1>Differential diagnosis</h1><p>This server was started without the differential diagnosis service.</p>"));
            return;
        }
        String body = """
                <h1>Differential diagnosis</h1>
                <p>Describe a patient: ASPS and its five differentials are ranked by post-test probability, from the \
                likelihood ratios of the graph's statements. Each finding must be a term of the graph: pick it from \
                the suggestions.</p>
                <form id="ddx-form" class="ddx" action="%1$s" method="get">
                <div class="row">
                <p><label for="age">Age (years)</label>
                <input id="age" name="age" type="number" min="0" max="120" inputmode="numeric"></p>
                <p><label for="sex">Sex</label>
                <select id="sex" name="sex"><option value="">not stated</option><option value="female">female</option>\
                <option value="male">male</option></select></p>
                </div>
                <div class="lists">
                <fieldset class="findings" data-name="f">
                <legend>Findings present</legend>
                <ul class="chips" id="present-list" aria-live="polite"></ul>
                <label for="present">Add a finding, site or group present</label>
                <input id="present" type="text" autocomplete="off" role="combobox" aria-autocomplete="list" \
                aria-expanded="false" aria-controls="present-suggestions" placeholder="e.g. flow voids">
                <ul id="present-suggestions" role="listbox" class="suggestions" hidden></ul>
                </fieldset>
                <fieldset class="findings" data-name="a">
                <legend>Findings absent</legend>
                <ul class="chips" id="absent-list" aria-live="polite"></ul>
                <label for="absent">Add a finding known to be absent</label>
                <input id="absent" type="text" autocomplete="off" role="combobox" aria-autocomplete="list" \
                aria-expanded="false" aria-controls="absent-suggestions" placeholder="e.g. calcification">
                <ul id="absent-suggestions" role="listbox" class="suggestions" hidden></ul>
                </fieldset>
                </div>
                <p class="freetext"><label for="text">Or describe the case in words</label>
                <textarea id="text" name="t" rows="3" placeholder="e.g. 24-year-old woman, deep mass of the thigh,                 highly vascular with flow voids on MRI, no calcification"></textarea>
                <span class="note">The text is read by the same text index: each phrase it recognises is shown with                 the term it was read as; age and sex in the text count too.</span></p>
                %3$s<p><button type="submit" id="rank">Rank the differential</button>
                <a id="permalink" href="%1$s" hidden>Permalink to this case</a></p>
                </form>
                <noscript><p>The form needs JavaScript; without it, POST a JSON case to <code>%2$s</code>.</p></noscript>
                <section id="result" aria-live="polite" aria-labelledby="h-ranking" hidden>
                <h2 id="h-ranking">Ranking</h2>
                <div id="reading"></div>
                <div id="ranking"></div>
                </section>
                """.formatted(PATH, WebFront.DDX, writesAllowed ? STORE_OPTION : "");
        Pages.send(resp, 200, Html.page("Differential diagnosis", Html.Nav.DDX, body, StaticFiles.PATH + "/ddx.js"));
    }
}
