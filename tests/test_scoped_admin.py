"""Every registered admin, walked as the administrator of bureau A: nothing of bureau B shows,
is offered or is accepted.

The walk iterates `admin.site._registry`, so a newly registered admin is covered without
touching this file; if its model needs data, `_scene` must learn to make one of each bureau.
"""

import json
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import Model
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from apps.accounts.admin import BureauScopedAdminMixin
from apps.accounts.models import BureauMembership, DepartmentMembership, User
from apps.filings.models import Filing, FilingRevision
from apps.indicators.models import Framework, IndicatorCategory, LibraryIndicator, Rubric
from apps.indicators.rubrics import rubric_copy
from apps.indicators.services import scoring_policy_ensure
from apps.narratives.models import ReportOutline
from apps.organizations.models import FinanceBureau
from apps.reports.models import ReportJob
from apps.reviews.services import review_decide, reviewers_assign
from tests import factories
from tests.conftest import World
from tests.reviews.conftest import submitted_filing


@dataclass
class Scene:
    """The world, with something of each bureau for every admin and the people to protect."""

    world: World
    superuser: User
    straddler: User  # a filer of bureau A who also reviews for bureau B
    filings: dict[int, Filing] = field(default_factory=dict)

    @property
    def outsiders(self) -> list[User]:
        """Users bureau A's administrator must never see, pick or change."""
        w = self.world
        return [w.filer_b1, w.reviewer_b, w.admin_b, self.superuser, self.straddler]

    def names_of_b(self) -> list[str]:
        w = self.world
        names = [w.bureau_b.name, w.dept_b1.name, w.project_b1.name, "乙县库指标", "乙县打分表"]
        for user in self.outsiders:
            names += [user.username, user.full_name]
        return names


def _rename(user: User, username: str, full_name: str) -> None:
    user.username, user.full_name = username, full_name
    user.save(update_fields=["username", "full_name"])


@pytest.fixture
def scene(world) -> Scene:
    w = world
    # Names that cannot be part of another name on the page.
    _rename(w.filer_b1, "yi_tianbao", "乙县填报员")
    _rename(w.reviewer_b, "yi_shenhe", "乙县审核员")
    _rename(w.admin_b, "yi_guanli", "乙县管理员")
    w.project_b1.name = "乙县专项项目"
    w.project_b1.save(update_fields=["name"])
    superuser = factories.UserFactory(
        username="zong_guanli", full_name="系统总管", is_superuser=True, is_staff=True
    )
    straddler = factories.filer_of(w.dept_a2, username="kua_ju", full_name="跨局兼职员")
    BureauMembership.objects.create(
        user=straddler, bureau=w.bureau_b, role=BureauMembership.Role.REVIEWER
    )
    scene = Scene(world=w, superuser=superuser, straddler=straddler)
    for bureau, project, reviewer, admin_user in (
        (w.bureau_a, w.project_a1, w.reviewer_a, w.admin_a),
        (w.bureau_b, w.project_b1, w.reviewer_b, w.admin_b),
    ):
        filing = submitted_filing(w, project)
        reviewers_assign(filing=filing, reviewers=[reviewer], by=admin_user)
        review_decide(filing=filing, reviewer=reviewer, decision="approve")
        scene.filings[bureau.pk] = filing
        scoring_policy_ensure(fiscal_year=filing.fiscal_year, framework=Framework.PROJECT)
        ReportJob.objects.create(
            kind="project_table",
            bureau=bureau,
            fiscal_year=filing.fiscal_year,
            department=filing.department,
            filing=filing,
            requested_by=reviewer,
            state=ReportJob.State.FAILED,
        )
        category = IndicatorCategory.objects.filter(
            bureau=bureau, framework=Framework.PROJECT, level=2
        ).first()
        LibraryIndicator.objects.create(
            category=category, name=f"{bureau.name[:2]}库指标", comparator="≥"
        )
        ReportOutline.objects.create(
            fiscal_year=filing.fiscal_year, filing_kind="project", text=f"一、{bureau.name[:2]}情况"
        )
    # A 打分表 of each bureau (copied from the shipped one, which a flushed database may lack).
    shipped = Rubric.objects.filter(bureau=None).first() or Rubric.objects.create(name="打分表")
    for bureau in (w.bureau_a, w.bureau_b):
        rubric_copy(rubric=shipped, bureau=bureau, name=f"{bureau.name[:2]}打分表")
    Group.objects.create(name="乙县组")
    for model in _login_record_models():
        for user in (w.filer_a1, *scene.outsiders):
            extra = {"failures_since_start": 1} if model.__name__ == "AccessAttempt" else {}
            model.objects.create(
                username=user.username, ip_address="10.0.0.9", user_agent="t", **extra
            )
    return scene


def _login_record_models() -> list[type[Model]]:
    """Registered models that record logins by username (django-axes), if any."""
    return [
        model
        for model in admin.site._registry
        if model._meta.app_label == "axes" and any(f.name == "username" for f in model._meta.fields)
    ]


def _bureau_path(model: type[Model]) -> str:
    """The lookup from a model to its finance bureau, as the admin of the model declares it."""
    if model is FinanceBureau:
        return "pk"
    if model is FilingRevision:
        return "filing__fiscal_year__bureau"
    model_admin = admin.site._registry.get(model)
    if isinstance(model_admin, BureauScopedAdminMixin) and model is not User:
        return model_admin.bureau_field
    pytest.fail(f"{model.__name__}: teach the admin walk how to find its bureau")


def _objects(scene: Scene, model: type[Model], bureau: FinanceBureau) -> list[Model]:
    """Objects of the model that belong to the bureau (users: those bureau A must not touch)."""
    w = scene.world
    if model is User:
        return [w.filer_a1, w.reviewer_a] if bureau == w.bureau_a else scene.outsiders
    if model is Group:
        return list(Group.objects.all())
    if model in _login_record_models():
        users = [w.filer_a1] if bureau == w.bureau_a else scene.outsiders
        return list(model._default_manager.filter(username__in=[u.username for u in users]))
    found = model._default_manager.filter(**{_bureau_path(model): bureau.pk})
    if bureau == w.bureau_a and any(f.name == "user" for f in model._meta.fields):
        found = found.exclude(user__in=scene.outsiders)  # a straddler's row is not bureau A's
    found = list(found[:3])
    assert found, f"the admin walk has no {model.__name__} of {bureau}: add one to the scene"
    return found


def _url(model_admin, view: str, *args) -> str | None:
    opts = model_admin.model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def _text(response) -> str:
    body = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        body = json.dumps(json.loads(body), ensure_ascii=False)
    return body


def _assert_nothing_of_b(scene: Scene, response, where: str) -> None:
    body = _text(response)
    leaked = [name for name in scene.names_of_b() if name in body]
    assert not leaked, f"{where} shows {leaked}"


REGISTRY = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
IDS = [model._meta.label for model, _ in REGISTRY]


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=IDS)
def test_admin_pages_show_nothing_of_another_bureau(client, scene, model, model_admin):
    w = scene.world
    client.force_login(w.admin_a)
    changelist = _url(model_admin, "changelist")
    response = client.get(changelist)
    if response.status_code == 403:
        return  # for superusers only
    assert response.status_code == 200
    _assert_nothing_of_b(scene, response, f"{changelist}")
    _assert_nothing_of_b(scene, client.get(changelist, {"q": "乙"}), f"{changelist}?q=乙")
    _assert_nothing_of_b(scene, client.get(_url(model_admin, "add")), "the add page")

    for own in _objects(scene, model, w.bureau_a):
        response = client.get(_url(model_admin, "change", own.pk))
        assert response.status_code in (200, 403), f"{model.__name__} {own.pk}"
        _assert_nothing_of_b(scene, response, f"the change page of {own!r}")
    for foreign in _objects(scene, model, w.bureau_b):
        for view in ("change", "history", "delete", "password"):
            url = _url(model_admin, view, foreign.pk)
            if url is None:
                continue
            response = client.get(url)
            assert response.status_code in (302, 403, 404), f"{url} opened for {foreign!r}"
            _assert_nothing_of_b(scene, response, url)


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=IDS)
def test_admin_autocomplete_offers_nothing_of_another_bureau(client, scene, model, model_admin):
    client.force_login(scene.world.admin_a)
    opts = model._meta
    for name in model_admin.autocomplete_fields:
        response = client.get(
            reverse("admin:autocomplete"),
            {"app_label": opts.app_label, "model_name": opts.model_name, "field_name": name},
        )
        assert response.status_code in (200, 403)
        _assert_nothing_of_b(scene, response, f"the autocomplete of {opts.label}.{name}")


def _choice_fields(form_class):
    for name, form_field in form_class.base_fields.items():
        if isinstance(form_field, ModelChoiceField):
            yield name, form_field


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=IDS)
def test_admin_forms_refuse_choices_of_another_bureau(
    rf: RequestFactory, scene, model, model_admin
):
    """Every choice field of every form and inline offers and accepts bureau A's objects only."""
    w = scene.world
    request = rf.post("/")
    request.user = w.admin_a
    if not model_admin.has_module_permission(request):
        return
    own = _objects(scene, model, w.bureau_a)[0]
    for obj in (None, own):
        allowed = (
            model_admin.has_add_permission(request)
            if obj is None
            else model_admin.has_change_permission(request, obj)
        )
        forms = [model_admin.get_form(request, obj)] if allowed else []
        forms += [
            inline.get_formset(request, obj).form
            for inline in model_admin.get_inline_instances(request, obj)
        ]
        for form_class in forms:
            for name, choice in _choice_fields(form_class):
                where = f"{model.__name__} {form_class.__name__}.{name}"
                for foreign in _objects(scene, choice.queryset.model, w.bureau_b):
                    assert not choice.queryset.filter(pk=foreign.pk).exists(), (
                        f"{where} offers {foreign!r}"
                    )
                    value = (
                        [foreign.pk] if isinstance(choice, ModelMultipleChoiceField) else foreign.pk
                    )
                    with pytest.raises(Exception) as refused:
                        choice.clean(value)
                    assert refused.typename == "ValidationError", f"{where} accepts {foreign!r}"


@pytest.mark.parametrize(("model", "model_admin"), REGISTRY, ids=IDS)
def test_admin_actions_leave_another_bureau_alone(client, rf, scene, model, model_admin):
    w = scene.world
    request = rf.get("/")
    request.user = w.admin_a
    actions = model_admin.get_actions(request) if model_admin.has_module_permission(request) else {}
    if not actions:
        return
    client.force_login(w.admin_a)
    foreign = _objects(scene, model, w.bureau_b)
    before = [model_to_dict(obj) for obj in foreign]
    for action in actions:
        client.post(
            _url(model_admin, "changelist"),
            {"action": action, "_selected_action": [obj.pk for obj in foreign], "post": "yes"},
        )
    after = [model_to_dict(model._default_manager.get(pk=obj.pk)) for obj in foreign]
    assert after == before


def test_takeover_through_the_membership_admin_is_refused(client, scene):
    """Adding the superuser or bureau B's reviewer to bureau A, then resetting their password."""
    w = scene.world
    client.force_login(w.admin_a)
    for victim in (scene.superuser, w.reviewer_b, scene.straddler):
        response = client.post(
            reverse("admin:accounts_bureaumembership_add"),
            {"user": victim.pk, "bureau": w.bureau_a.pk, "role": BureauMembership.Role.ADMIN},
        )
        assert response.status_code == 200 and "user" in response.context["adminform"].form.errors
        response = client.post(
            reverse("admin:accounts_departmentmembership_add"),
            {"user": victim.pk, "department": w.dept_a1.pk, "role": "head"},
        )
        assert response.status_code == 200
        assert "user" in response.context["adminform"].form.errors

        url = reverse("admin:auth_user_password_change", args=[victim.pk])
        assert client.get(url).status_code in (302, 403, 404)
        response = client.post(
            url, {"password1": "taken-over-9876", "password2": "taken-over-9876"}
        )
        assert response.status_code in (302, 403, 404)
        victim.refresh_from_db()
        assert victim.check_password(factories.PASSWORD), f"{victim} lost their password"
    assert not BureauMembership.objects.filter(
        user__in=[scene.superuser, w.reviewer_b], bureau=w.bureau_a
    ).exists()
    assert not DepartmentMembership.objects.filter(
        user__in=[scene.superuser, w.reviewer_b], department=w.dept_a1
    ).exists()


def test_bureau_admin_resets_the_password_of_their_own_user(client, scene):
    w = scene.world
    client.force_login(w.admin_a)
    url = reverse("admin:auth_user_password_change", args=[w.filer_a1.pk])
    response = client.post(url, {"password1": "new-pass-98765", "password2": "new-pass-98765"})
    assert response.status_code == 302
    w.filer_a1.refresh_from_db()
    assert w.filer_a1.check_password("new-pass-98765")


def test_membership_changelist_filters_list_only_the_own_bureau(client, scene):
    w = scene.world
    client.force_login(w.admin_a)
    page = client.get(reverse("admin:accounts_departmentmembership_changelist")).content.decode()
    assert w.dept_a1.name in page and w.dept_b1.name not in page
    assert w.bureau_b.name not in page
