"""Reads of the results app: ``results`` (periods, board, points, ranking) and
``practices``. Views, the dashboard panels and the apps above (commendations, reports) read
through these modules."""
