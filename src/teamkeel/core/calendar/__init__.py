"""The ritual calendar: recurring rituals, rotating facilitators, rollout plan, exports.

Pure logic lives in the submodules (domain, recurrence, rotation, rollout, schedule,
people, validation, ics); `CalendarService` is the facade the window and CLI use.
"""
