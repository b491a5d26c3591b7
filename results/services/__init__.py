"""Writes of the results app: ``results`` (reports and their workflow), ``periods``,
``practices`` and ``reminders``; import the module you need (``from results.services import
results as services``)."""
