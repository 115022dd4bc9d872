from django.urls import path

from familienbuero.funding import views

app_name = "funding"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("neu/", views.project_create, name="project-create"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/posten/", views.line_add, name="line-add"),
    path("<int:pk>/quelle/", views.source_add, name="source-add"),
    path("<int:pk>/ausgabe/", views.expense_add, name="expense-add"),
    path("ausgabe/<int:pk>/loeschen/", views.expense_delete, name="expense-delete"),
    path("quelle/<int:pk>/frist/", views.deadline_add, name="deadline-add"),
    path("quelle/<int:pk>/bericht/", views.report, name="report"),
    path("quelle/<int:pk>/bericht.xlsx", views.report_xlsx, name="report-xlsx"),
]
