package io.vigil.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A browser session holds the login it began with. On every request made with a session this looks the account up
 * again (one indexed read; no password hash): a disabled or deleted account, or one whose roles changed, loses its
 * session at once — the request goes on as anonymous (login page, 401) instead of with the old rights.
 */
final class SessionAccountCheck extends OncePerRequestFilter {
    private final UserDetailsService accounts;

    SessionAccountCheck(UserDetailsService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && caller instanceof UsernamePasswordAuthenticationToken && caller.isAuthenticated()
                && !stillValid(caller)) {
            session.invalidate();
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(Authentication caller) {
        UserDetails account;
        try {
            account = accounts.loadUserByUsername(caller.getName());
        } catch (UsernameNotFoundException gone) {
            return false;
        }
        return account.isEnabled() && account.isAccountNonLocked()
                && roles(account.getAuthorities()).equals(roles(caller.getAuthorities()));
    }

    /** The roles only: a login also carries how it was made (e.g. Spring Security's FACTOR_PASSWORD). */
    private static HashSet<String> roles(Collection<? extends GrantedAuthority> authorities) {
        HashSet<String> roles = new HashSet<>();
        authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a != null && a.startsWith("ROLE_"))
                .forEach(roles::add);
        return roles;
    }
}
