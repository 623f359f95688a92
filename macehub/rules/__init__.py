"""Rules explained and what they make due: the Reason type and the due-item registry.

Below the apps in the layers: apps hand their due items to `rules.due` through
`register_due()` from their `AppConfig.ready()`, so this package imports none of them."""
