// Keluarga datang: "Tambah baris anggota" adds a member row from the <template> (the form
// works without it: four empty rows are always there).
document.addEventListener("DOMContentLoaded", () => {
  const tombol = document.getElementById("sid-tambah-baris");
  const templat = document.getElementById("sid-baris-kosong");
  const daftar = document.querySelector(".sid-baris-daftar");
  if (!tombol || !templat || !daftar) return;
  const prefix = daftar.dataset.prefix;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const maks = parseInt(document.getElementById(`id_${prefix}-MAX_NUM_FORMS`).value, 10);
  tombol.hidden = false;
  tombol.addEventListener("click", () => {
    const n = parseInt(total.value, 10);
    if (n >= maks) return;
    const html = templat.innerHTML.replaceAll("__prefix__", String(n)).replaceAll("__nomor__", String(n + 1));
    daftar.insertAdjacentHTML("beforeend", html);
    total.value = String(n + 1);
    daftar.lastElementChild.querySelector("input, select")?.focus();
    if (n + 1 >= maks) tombol.hidden = true;
  });
});
