package io.creditgate.console.person;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the signed-in person again on every request (once: {@link #current} hands the person on), so a role change applies at once and a disabled person's
 * session ends at their next click instead of at its idle timeout. The refreshed authentication lives for this
 * request only; the session keeps the one from the sign-in.
 */
public class CurrentPersonFilter extends OncePerRequestFilter {

    /** The request attribute holding the person read for this request, so later steps do not read them again. */
    private static final String PERSON = CurrentPersonFilter.class.getName() + ".person";

    private final People people;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public CurrentPersonFilter(People people) {
        this.people = people;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = contexts.getContext().getAuthentication();
        String personId = PersonIdentified.personIdOf(authentication);
        if (personId != null) {
            Optional<Person> person = people.byId(personId).filter(Person::active);
            if (person.isEmpty()) {
                contexts.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            } else {
                request.setAttribute(PERSON, person.get());
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(authentication.getPrincipal(), null,
                        person.get().effectiveRoles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
                contexts.setContext(context);
            }
        }
        chain.doFilter(request, response);
    }

    /** The active person this filter read for the request's session; empty for API tokens and anonymous callers. */
    public static Optional<Person> current(HttpServletRequest request) {
        return request.getAttribute(PERSON) instanceof Person person ? Optional.of(person) : Optional.empty();
    }
}
