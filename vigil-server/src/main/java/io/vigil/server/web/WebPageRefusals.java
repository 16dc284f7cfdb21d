package io.vigil.server.web;

import io.vigil.server.api.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A page the caller may not open (a unit or patient answered like one that does not exist) or that cannot exist: the
 * app's error page with the status — not the APIs' problem+json, which {@link io.vigil.server.api.ProblemHandler}
 * writes for everything else.
 */
@ControllerAdvice(assignableTypes = WebPage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebPageRefusals {

    @ExceptionHandler(ApiException.class)
    String refused(ApiException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        return "error";
    }
}
