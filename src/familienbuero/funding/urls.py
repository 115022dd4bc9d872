from django.urls import path

from familienbuero.funding import views

app_name = "funding"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("neu/", views.project_create, name="project-create"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/bearbeiten/", views.project_edit, name="project-edit"),
    path("<int:pk>/loeschen/", views.project_delete, name="project-delete"),
    path("<int:pk>/posten/", views.line_add, name="line-add"),
    path("posten/<int:pk>/", views.line_edit, name="line-edit"),
    path("posten/<int:pk>/loeschen/", views.line_delete, name="line-delete"),
    path("<int:pk>/quelle/", views.source_add, name="source-add"),
    path("<int:pk>/ausgabe/", views.expense_add, name="expense-add"),
    path("ausgabe/<int:pk>/", views.expense_edit, name="expense-edit"),
    path("ausgabe/<int:pk>/loeschen/", views.expense_delete, name="expense-delete"),
    path("quelle/<int:pk>/bearbeiten/", views.source_edit, name="source-edit"),
    path("quelle/<int:pk>/loeschen/", views.source_delete, name="source-delete"),
    path("quelle/<int:pk>/frist/", views.deadline_add, name="deadline-add"),
    path("frist/<int:pk>/", views.deadline_edit, name="deadline-edit"),
    path("frist/<int:pk>/loeschen/", views.deadline_delete, name="deadline-delete"),
    path("quelle/<int:pk>/bericht/", views.report, name="report"),
    path("quelle/<int:pk>/bericht.xlsx", views.report_xlsx, name="report-xlsx"),
]
