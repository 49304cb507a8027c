package io.github.lgtmbootstrap.testkit.assertions;

import java.util.function.BiPredicate;

/**
 * One check an item must pass, with the words failure messages use for it (such as
 * {@code with attribute order.items=3}).
 */
record Criterion<T>(String description, BiPredicate<T, Lookup> test) {}
