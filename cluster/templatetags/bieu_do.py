"""``{% bieu_do chart %}``: a chart of ``cluster.charts`` as a figure: its caption, the SVG
(``role="img"``, named by its title and description) and, under "Xem số liệu", the same
numbers as a table."""

from django import template

from cluster.charts import render_svg, render_table

register = template.Library()


@register.inclusion_tag("cluster/_chart.html")
def bieu_do(chart, category_header=""):
    return {"chart": chart, "svg": render_svg(chart),
            "table": render_table(chart, category_header=category_header)}
