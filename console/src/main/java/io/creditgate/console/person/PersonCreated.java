package io.creditgate.console.person;

import io.creditgate.console.web.Actor;

/** A person was created by an admin and must be invited to set a password. */
public record PersonCreated(Person person, Actor actor) {
}
