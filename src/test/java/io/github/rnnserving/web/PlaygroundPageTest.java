package io.github.rnnserving.web;

import static io.github.rnnserving.support.ProblemMatchers.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The playground page as Spring's static resources serve it, through the real filters: {@code /}
 * is the page, every answer carries the security headers, and unknown paths stay problems. The
 * page's files are also read as text, to keep them within the policy they are served under (no
 * inline script or style) and to keep server data out of HTML parsing.
 */
@WebMvcTest(controllers = ProblemErrorController.class)
@Import(AdminToken.class)
@TestPropertySource(properties = "rnn.security.admin-token=page-token")
class PlaygroundPageTest {

    private static final List<String> SCRIPTS = List.of(
            "playground.js",
            "js/api.js",
            "js/bars.js",
            "js/draw.js",
            "js/errors.js",
            "js/generate.js",
            "js/models.js",
            "js/svg.js",
            "js/tabs.js",
            "js/train.js",
            "js/type.js");

    @Autowired
    MockMvc mvc;

    @Test
    void theRootServesThePageUnderTheContentSecurityPolicy() throws Exception {
        secured(mvc.perform(get("/")).andExpect(status().isOk()).andExpect(forwardedUrl("index.html")));

        String page = secured(mvc.perform(get("/index.html"))
                        .andExpect(status().isOk())
                        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("<script type=\"module\" src=\"playground.js\"></script>")
                .contains("id=\"draw-canvas\" width=\"280\" height=\"280\" tabindex=\"0\"")
                .contains("id=\"tab-draw\"", "id=\"panel-train\"", "id=\"models-list\"", "id=\"import-form\"")
                .contains("id=\"tab-generate\"", "id=\"generate-form\"", "id=\"score-form\"");
    }

    @Test
    void thePolicyIsTheOneThePageIsWrittenFor() throws Exception {
        mvc.perform(get("/")).andExpect(header().string("Content-Security-Policy", containsAll()));
    }

    @Test
    void everyScriptAndTheStyleSheetAreServedWithTheHeaders() throws Exception {
        for (String script : SCRIPTS) {
            secured(mvc.perform(get("/" + script)))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith("text/javascript"));
        }
        secured(mvc.perform(get("/playground.css")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
    }

    @Test
    void anUnknownPathIsStillA404Problem() throws Exception {
        secured(mvc.perform(get("/no-such-page.html")))
                .andExpect(problem(404, "Not Found"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void writingToThePageStillNeedsTheToken() throws Exception {
        secured(mvc.perform(post("/index.html")))
                .andExpect(problem(401, "Unauthorized"))
                .andExpect(header().string("WWW-Authenticate", "Bearer"));
    }

    @Test
    void thePageHasNoInlineScriptOrStyleForThePolicyToBlock() throws IOException {
        String page = text("index.html");

        // every <script> loads a file; no style element or attribute, no on* handler attribute
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(page).find())
                .as("inline script")
                .isFalse();
        assertThat(page).doesNotContain("<style").doesNotContain(" style=");
        assertThat(Pattern.compile("\\son[a-z]+=").matcher(page).find())
                .as("inline event handler")
                .isFalse();
        assertThat(page).doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
    }

    @Test
    void theScriptsNeverParseServerTextAsHtml() throws IOException {
        for (String script : SCRIPTS) {
            // the SVG namespace is a name, not an address the page loads
            String code = text(script).replace("'http://www.w3.org/2000/svg'", "SVG_NAMESPACE");
            assertThat(code)
                    .as(script)
                    .doesNotContain("innerHTML")
                    .doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write")
                    .doesNotContain("eval(")
                    .doesNotContain("setAttribute('style'")
                    .doesNotContain("localStorage")
                    .doesNotContain("http://")
                    .doesNotContain("https://");
        }
    }

    private static ResultActions secured(ResultActions actions) throws Exception {
        return actions.andExpect(
                        header().string("Content-Security-Policy", SecurityHeadersFilter.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));
    }

    private static Matcher<String> containsAll() {
        return allOf(
                containsString("default-src 'self'"),
                containsString("script-src 'self'"),
                containsString("style-src 'self'"),
                containsString("connect-src 'self'"),
                containsString("object-src 'none'"),
                containsString("frame-ancestors 'none'"),
                not(containsString("unsafe-inline")),
                not(containsString("unsafe-eval")));
    }

    private static String text(String path) throws IOException {
        try (InputStream in = new ClassPathResource("static/" + path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
