"""Form widgets shared by the back office."""

from __future__ import annotations

from django import forms


class EditorTeksKaya(forms.Textarea):
    """Rich-text editor (TinyMCE 6, vendored under static/vendor/tinymce, no CDN).

    Whatever the browser sends is still cleaned by the service with sid.lib.html.bersihkan_html.
    `mode="surat"` adds table tools for letter templates.
    """

    def __init__(self, attrs=None, *, mode: str = "artikel"):
        attrs = {"data-editor": "kaya", "data-mode": mode, "rows": 18, **(attrs or {})}
        super().__init__(attrs)

    class Media:
        js = ["vendor/tinymce/tinymce.min.js", "sid/editor.js"]
