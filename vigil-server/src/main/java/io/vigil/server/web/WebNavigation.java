package io.vigil.server.web;

import io.vigil.server.security.Role;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The links of the app bar, by what the caller's roles allow: every page shows only the screens its user may open. */
@ControllerAdvice(assignableTypes = WebPage.class)
class WebNavigation {

    /** Who is logged in and which screens they have. */
    record Nav(String user, boolean clinician, boolean caregiver, boolean admin) {}

    @ModelAttribute("nav")
    Nav nav(Authentication user) {
        if (user == null || user instanceof AnonymousAuthenticationToken) {
            return new Nav(null, false, false, false);
        }
        return new Nav(user.getName(), Role.CLINICIAN.heldBy(user), Role.CAREGIVER.heldBy(user), Role.ADMIN.heldBy(user));
    }
}
