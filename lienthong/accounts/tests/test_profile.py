import pytest
from django.urls import reverse

from lienthong.accounts.tests.conftest import login_verified
from lienthong.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_shows_kind_official_record_roles_and_mfa_status(client, tree):
    """Issue #2 §5: an official's account is linked to their record in the officials database."""
    client.force_login(tree.officer_a)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    html = response.content.decode()
    official = tree.officer_a.official
    assert "Cán bộ, công chức" in html
    assert f'href="{reverse("directory:official_detail", args=[official.pk])}"' in html
    assert f'href="{reverse("directory:agency_detail", args=[tree.a.pk])}"' in html
    assert "Cán bộ một cửa" in html and "Sở Tư pháp" in html
    assert '<th scope="col">' in html
    assert "Chưa bật" in html
    assert f'href="{reverse("accounts:password_change")}"' in html
    assert f'href="{reverse("accounts:mfa")}"' in html
    assert reverse("accounts:role_list") not in html


def test_profile_of_a_verified_administrator(client, tree):
    """Issue #2 §5: administrators see that MFA is on and required, and reach role management."""
    login_verified(client, tree.admin_a)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã bật" in html
    assert "Bắt buộc với tài khoản có quyền quản trị." in html
    assert "Phiên làm việc này đã xác thực." in html
    assert f'href="{reverse("accounts:role_list")}"' in html


def test_profile_of_a_citizen_has_no_official_record(client):
    """Issue #2 §5: citizens' accounts carry no official record and no roles."""
    client.force_login(UserFactory(first_name="Lan", last_name="Trần Thị"))
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "Công dân" in html
    assert "Hồ sơ cán bộ" not in html
    assert "Tài khoản chưa được giao vai trò nào." in html


def test_profile_needs_login(client):
    """Pages of an account need a logged-in user (redirect to the login page)."""
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
