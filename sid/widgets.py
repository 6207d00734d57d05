"""Form widgets shared by the back office."""

from __future__ import annotations

from django import forms
from django.utils.html import format_html


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


class InputBerkasSimpanan(forms.ClearableFileInput):
    """A file input that survives a form error: the file chosen before the error is kept
    (sid.lib.simpanan) and used again unless another is chosen, with a note saying so.

    A form calls `simpan_pilihan(berkas)` for a checked upload (a browser cannot re-fill a file
    input, and Django renders file inputs empty); the token is written into the page only if
    the page is shown again."""

    token = ""
    nama_berkas = ""

    def simpan_pilihan(self, berkas) -> None:
        from sid.lib import simpanan

        self.token = getattr(berkas, "token_simpanan", "") or simpanan.simpan(berkas)
        self.nama_berkas = berkas.name

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.token:
            return html
        return format_html(
            '{}<input type="hidden" name="{}_simpanan" value="{}">'
            '<p class="help sid-berkas-simpanan">Berkas terpilih: <strong>{}</strong> — tetap '
            "dipakai bila tidak memilih berkas lain.</p>",
            html,
            name,
            self.token,
            self.nama_berkas,
        )

    def value_from_datadict(self, data, files, name):
        nilai = super().value_from_datadict(data, files, name)
        token = data.get(f"{name}_simpanan")
        if nilai is None and token:
            from sid.lib import simpanan

            nilai = simpanan.ambil(token)
            if nilai is not None:
                nilai.token_simpanan = token
        return nilai

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and not data.get(
            f"{name}_simpanan"
        )
