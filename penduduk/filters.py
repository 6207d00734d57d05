"""List filters of the resident list (admin)."""

from __future__ import annotations

from django.contrib import admin

from sid import kode
from sid.lib.wilayah import daftar_wilayah
from sid.models import Wilayah


class StatusDasarFilter(admin.SimpleListFilter):
    """Living residents by default (what an operator looks for); "Semua" shows every status."""

    title = "status dasar"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("semua", "Semua"), *[(str(v), label) for v, label in kode.StatusDasar.choices]]

    def value(self):
        return super().value() or str(kode.StatusDasar.HIDUP)

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "semua":
            return queryset
        return queryset.filter(status_dasar=int(self.value()))


class WilayahFilter(admin.SimpleListFilter):
    """Dusun, RW or RT: one list, residents anywhere under the chosen wilayah."""

    title = "wilayah"
    parameter_name = "wilayah"

    def lookups(self, request, model_admin):
        return [
            (str(w.pk), ("— " * w.kedalaman) + w.nama_lengkap.split(" / ")[-1])
            for w in daftar_wilayah()
        ]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            wilayah = Wilayah.objects.get(pk=int(self.value()))
        except (ValueError, Wilayah.DoesNotExist):
            return queryset.none()
        return queryset.di_wilayah(wilayah)


class UmurFilter(admin.SimpleListFilter):
    """Age groups from the editable age ranges (RentangUmur; defaults from rentang_umur.csv).

    The value is "dari-sampai" ("75-" = 75 and older), so a link from the statistics page keeps
    working even after the groups are edited.
    """

    title = "umur"
    parameter_name = "umur"

    def lookups(self, request, model_admin):
        from penduduk.statistik.rentang import daftar_rentang

        pilihan, terpakai = [], set()
        for r in daftar_rentang():
            if r.kunci not in terpakai:
                terpakai.add(r.kunci)
                pilihan.append((r.kunci, f"{r.label} ({r.rentang_teks})"))
        return pilihan

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            dari, sampai = self.value().split("-")
            return queryset.umur_antara(
                int(dari) if dari else None, int(sampai) if sampai else None
            )
        except ValueError:
            return queryset.none()


TERTUTUP = "admin/penduduk/statistik/filter_tertutup.html"  # collapsed unless in use


class _Tertutup:
    template = TERTUTUP

    @property
    def aktif(self) -> bool:
        return self.has_output() and any(self.used_parameters.values())


class KodeFilter(_Tertutup, admin.ChoicesFieldListFilter):
    """A coded field's values plus "BELUM MENGISI" (empty) for fields that may stay empty."""

    def choices(self, changelist):
        yield {
            "selected": self.lookup_val is None and not self.lookup_val_isnull,
            "query_string": changelist.get_query_string(
                remove=[self.lookup_kwarg, self.lookup_kwarg_isnull]
            ),
            "display": "Semua",
        }
        for lookup, title in self.field.flatchoices:
            yield {
                "selected": self.lookup_val is not None and str(lookup) in self.lookup_val,
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: lookup}, [self.lookup_kwarg_isnull]
                ),
                "display": title,
            }
        if self.field.null:
            yield {
                "selected": self.lookup_val_isnull == "True",
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg_isnull: "True"}, [self.lookup_kwarg]
                ),
                "display": "BELUM MENGISI",
            }


class AktaLahirFilter(_Tertutup, admin.SimpleListFilter):
    title = "akta kelahiran"
    parameter_name = "akta_lahir"

    def lookups(self, request, model_admin):
        return [("ada", "Memiliki (nomor akta terisi)"), ("belum", "BELUM MENGISI")]

    def queryset(self, request, queryset):
        if self.value() == "ada":
            return queryset.exclude(akta_lahir="")
        if self.value() == "belum":
            return queryset.filter(akta_lahir="")
        return queryset


class WajibKtpFilter(_Tertutup, admin.SimpleListFilter):
    """Wajib KTP: 17 years or older today, or ever married."""

    title = "wajib KTP"
    parameter_name = "wajib_ktp"

    def lookups(self, request, model_admin):
        return [("ya", "Wajib KTP"), ("tidak", "Belum wajib KTP")]

    def queryset(self, request, queryset):
        from django.utils import timezone

        from penduduk.statistik import wajib_ktp_q

        if self.value() == "ya":
            return queryset.filter(wajib_ktp_q(timezone.localdate()))
        if self.value() == "tidak":
            return queryset.exclude(wajib_ktp_q(timezone.localdate()))
        return queryset


class SukuFilter(_Tertutup, admin.SimpleListFilter):
    """Suku as written (case-insensitive); "-" = empty, "*" = filled. No list of values is
    queried, so the resident list stays one query lighter; the statistics page links here."""

    title = "suku/etnis"
    parameter_name = "suku"

    def lookups(self, request, model_admin):
        pilihan = [("*", "Terisi"), ("-", "BELUM MENGISI")]
        nilai = self.value()
        if nilai and nilai not in ("*", "-"):
            pilihan.append((nilai, nilai))
        return pilihan

    def queryset(self, request, queryset):
        from django.db.models.functions import Trim, Upper

        nilai = self.value()
        if not nilai:
            return queryset
        queryset = queryset.alias(_suku=Upper(Trim("suku")))
        if nilai == "-":
            return queryset.filter(_suku="")
        if nilai == "*":
            return queryset.exclude(_suku="")
        return queryset.filter(_suku=nilai.strip().upper())


class NikSementaraFilter(admin.SimpleListFilter):
    title = "NIK sementara"
    parameter_name = "nik_sementara"

    def lookups(self, request, model_admin):
        return [("ya", "NIK sementara"), ("tidak", "NIK tetap")]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.nik_sementara()
        if self.value() == "tidak":
            return queryset.exclude(nik__startswith="0")
        return queryset
