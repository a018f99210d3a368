"""The Journey: Keel walks the lead through the method's four phases, from listening to
sustaining, and works out from the team file itself how far the team has come."""
