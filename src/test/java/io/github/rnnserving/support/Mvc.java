package io.github.rnnserving.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

/**
 * MockMvc for endpoints that answer later ({@code POST /classify} hands its answer to the
 * container when the batcher has run it): performs the request and, when it went asynchronous,
 * the dispatch that writes the answer, so tests assert on what a client receives.
 */
public final class Mvc {

    private Mvc() {}

    public static ResultActions perform(MockMvc mvc, RequestBuilder request) throws Exception {
        ResultActions started = mvc.perform(request);
        MvcResult result = started.andReturn();
        return result.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(result)) : started;
    }
}
