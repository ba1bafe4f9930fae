"""The support window of Rocket.Chat releases: policy, calendars, server, running release."""
