"""Feed and page links point at the address the desk is served at unless a base URL is set."""

from newsdesk.settings import Settings
from newsdesk.web.server import served_settings


def test_served_settings_links_to_the_served_port_without_a_base_url():
    settings = Settings.from_env({})
    assert (
        served_settings(settings, host="127.0.0.1", port=8765).base_url == "http://127.0.0.1:8765"
    )


def test_served_settings_names_localhost_for_a_wildcard_address():
    settings = Settings.from_env({})
    assert served_settings(settings, host="0.0.0.0", port=9000).base_url == "http://localhost:9000"
    assert served_settings(settings, host="::1", port=9000).base_url == "http://[::1]:9000"


def test_served_settings_keeps_a_base_url_the_user_set():
    settings = Settings.from_env({"NEWSDESK_BASE_URL": "https://desk.example.org/"})
    served = served_settings(settings, host="127.0.0.1", port=8765)
    assert served.base_url == "https://desk.example.org"
