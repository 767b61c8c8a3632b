"""Word banks of the scale instansi: names, units, jabatan, RHK and indikator texts.

Plain data, no logic: ``builder`` combines them with a seeded random generator, so the same
``--seed`` always gives the same instansi.
"""

from __future__ import annotations

# --- People ------------------------------------------------------------------------------------
# First names from across Indonesia, by gender (the NIP's jenis kelamin digit follows the name).
DEPAN_L = (
    "Agus",
    "Ahmad",
    "Andi",
    "Arif",
    "Bambang",
    "Budi",
    "Dedi",
    "Dimas",
    "Eko",
    "Fajar",
    "Hendra",
    "Irfan",
    "Joko",
    "Rahmat",
    "Rizki",
    "Slamet",
    "Teguh",
    "Wahyu",
    "Yusuf",
    "Hasan",
    "Fikri",
    "Taufik",
    "Gilang",
    "Aditya",
    "Bayu",
    "Dani",
    "Heru",
    "Imam",
    "Yohanis",
    "Stefanus",
    "Markus",
    "Agustinus",
    "Yosef",
    "Ridwan",
    "Zulkifli",
    "Syahrul",
    "Ilham",
    "Hidayat",
    "Firman",
    "Sutrisno",
    "Suparman",
    "Hendro",
    "Dadang",
    "Asep",
    "Ujang",
    "Komang",
    "Gede",
    "Made",
    "Teuku",
    "Muhammad",
)
DEPAN_P = (
    "Siti",
    "Sri",
    "Dewi",
    "Rina",
    "Fitri",
    "Nur",
    "Ratna",
    "Wulan",
    "Lestari",
    "Yuni",
    "Dian",
    "Indah",
    "Putri",
    "Ayu",
    "Maria",
    "Yuliana",
    "Herlina",
    "Euis",
    "Nurhayati",
    "Anisa",
    "Rahma",
    "Kartika",
    "Intan",
    "Mega",
    "Novita",
    "Puspita",
    "Rosita",
    "Sari",
    "Tri",
    "Wahyuni",
    "Yohana",
    "Agnes",
    "Margaretha",
    "Lina",
    "Cut",
    "Ni Made",
    "Ni Luh",
    "Ni Kadek",
    "Andi",
    "Nurul",
)
TENGAH_L = (
    "Adi",
    "Dwi",
    "Eka",
    "Nugroho",
    "Pratama",
    "Saputra",
    "Setiawan",
    "Wibowo",
    "Kurniawan",
    "Hidayat",
    "Santoso",
    "Prasetyo",
    "Firmansyah",
    "Ramadhan",
    "Maulana",
    "Wijaya",
    "Hermawan",
    "Kusuma",
)
TENGAH_P = (
    "Ayu",
    "Dwi",
    "Eka",
    "Puspitasari",
    "Rahayu",
    "Lestari",
    "Handayani",
    "Wulandari",
    "Anggraini",
    "Permatasari",
    "Kurniasih",
    "Agustina",
    "Maharani",
    "Safitri",
    "Oktaviani",
    "Susanti",
)
# Family and clan names (Batak, Minahasa, Maluku, Bugis, Minang, Papua, Flores, Aceh, Sunda).
MARGA = (
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simatupang",
    "Sembiring",
    "Tarigan",
    "Ginting",
    "Rumondor",
    "Kaunang",
    "Lumban Gaol",
    "Latumahina",
    "Pattinama",
    "Tanjung",
    "Hasibuan",
    "Pohan",
    "Daulay",
    "Manurung",
    "Sitompul",
    "Wanma",
    "Bria",
    "Bere",
    "Fernandez",
    "Rumbiak",
    "Mandagi",
    "Sumampouw",
    "Matondang",
    "Panjaitan",
    "Hutapea",
    "Pakpahan",
)
GELAR_S1 = (
    "S.E.",
    "S.Kom.",
    "S.H.",
    "S.Sos.",
    "S.Pd.",
    "S.T.",
    "S.I.Kom.",
    "S.Si.",
    "S.Psi.",
    "S.K.M.",
    "S.Ak.",
    "S.IP.",
    "S.A.P.",
    "S.Stat.",
    "S.P.",
    "S.Kep.",
)
GELAR_S2 = ("M.Si.", "M.M.", "M.T.", "M.A.P.", "M.Kom.", "M.H.", "M.Pd.", "M.Kes.", "M.E.")
GELAR_D3 = ("A.Md.", "A.Md.Kom.", "A.Md.Kep.", "A.Md.Ak.")

# --- Organisation ------------------------------------------------------------------------------
# (OPD nama, title of its head, urusan used in texts, bidang names). The first three are the
# secretariats and the inspectorate every pemerintah daerah has.
OPD: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "Sekretariat Daerah",
        "Asisten Administrasi Umum",
        "administrasi pemerintahan",
        ("Biro Pemerintahan", "Biro Hukum", "Biro Organisasi", "Biro Umum", "Biro Perekonomian"),
    ),
    (
        "Sekretariat DPRD",
        "Sekretaris DPRD",
        "persidangan dan perundang-undangan",
        ("Bagian Persidangan", "Bagian Fasilitasi Penganggaran", "Bagian Umum"),
    ),
    (
        "Inspektorat",
        "Inspektur",
        "pengawasan internal",
        (
            "Inspektur Pembantu Wilayah I",
            "Inspektur Pembantu Wilayah II",
            "Inspektur Pembantu Wilayah III",
            "Inspektur Pembantu Investigasi",
        ),
    ),
    (
        "Dinas Pendidikan",
        "Kepala Dinas Pendidikan",
        "pendidikan",
        ("Bidang Pembinaan SMA", "Bidang Pembinaan SMK", "Bidang Pendidikan Khusus", "Bidang Ketenagaan"),
    ),
    (
        "Dinas Kesehatan",
        "Kepala Dinas Kesehatan",
        "kesehatan",
        (
            "Bidang Kesehatan Masyarakat",
            "Bidang Pencegahan dan Pengendalian Penyakit",
            "Bidang Pelayanan Kesehatan",
            "Bidang Sumber Daya Kesehatan",
        ),
    ),
    (
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        "pekerjaan umum",
        ("Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Cipta Karya", "Bidang Penataan Ruang"),
    ),
    (
        "Dinas Sosial",
        "Kepala Dinas Sosial",
        "sosial",
        (
            "Bidang Rehabilitasi Sosial",
            "Bidang Perlindungan dan Jaminan Sosial",
            "Bidang Pemberdayaan Sosial",
        ),
    ),
    (
        "Dinas Perhubungan",
        "Kepala Dinas Perhubungan",
        "perhubungan",
        ("Bidang Lalu Lintas Jalan", "Bidang Angkutan", "Bidang Pelayaran", "Bidang Keselamatan"),
    ),
    (
        "Dinas Komunikasi dan Informatika",
        "Kepala Dinas Komunikasi dan Informatika",
        "komunikasi dan informatika",
        (
            "Bidang Aplikasi Informatika",
            "Bidang Informasi dan Komunikasi Publik",
            "Bidang Persandian",
            "Bidang Statistik",
        ),
    ),
    (
        "Dinas Pertanian dan Perkebunan",
        "Kepala Dinas Pertanian dan Perkebunan",
        "pertanian",
        ("Bidang Tanaman Pangan", "Bidang Hortikultura", "Bidang Perkebunan", "Bidang Penyuluhan"),
    ),
    (
        "Dinas Kelautan dan Perikanan",
        "Kepala Dinas Kelautan dan Perikanan",
        "kelautan dan perikanan",
        ("Bidang Perikanan Tangkap", "Bidang Perikanan Budidaya", "Bidang Pengawasan Sumber Daya Kelautan"),
    ),
    (
        "Dinas Lingkungan Hidup",
        "Kepala Dinas Lingkungan Hidup",
        "lingkungan hidup",
        ("Bidang Tata Lingkungan", "Bidang Pengendalian Pencemaran", "Bidang Pengelolaan Sampah"),
    ),
    (
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        "administrasi kependudukan",
        (
            "Bidang Pendaftaran Penduduk",
            "Bidang Pencatatan Sipil",
            "Bidang Pengelolaan Informasi Administrasi Kependudukan",
        ),
    ),
    (
        "Dinas Penanaman Modal dan PTSP",
        "Kepala Dinas Penanaman Modal dan PTSP",
        "perizinan",
        ("Bidang Pelayanan Perizinan", "Bidang Promosi Penanaman Modal", "Bidang Pengendalian Pelaksanaan"),
    ),
    (
        "Dinas Tenaga Kerja dan Transmigrasi",
        "Kepala Dinas Tenaga Kerja dan Transmigrasi",
        "ketenagakerjaan",
        (
            "Bidang Pelatihan dan Produktivitas",
            "Bidang Hubungan Industrial",
            "Bidang Pengawasan Ketenagakerjaan",
            "Bidang Transmigrasi",
        ),
    ),
    (
        "Dinas Koperasi dan UKM",
        "Kepala Dinas Koperasi dan UKM",
        "koperasi dan usaha kecil",
        ("Bidang Kelembagaan Koperasi", "Bidang Pemberdayaan Usaha Kecil", "Bidang Pengawasan Koperasi"),
    ),
    (
        "Dinas Perindustrian dan Perdagangan",
        "Kepala Dinas Perindustrian dan Perdagangan",
        "perindustrian dan perdagangan",
        ("Bidang Perindustrian", "Bidang Perdagangan Dalam Negeri", "Bidang Perlindungan Konsumen"),
    ),
    (
        "Dinas Pariwisata",
        "Kepala Dinas Pariwisata",
        "pariwisata",
        ("Bidang Destinasi Pariwisata", "Bidang Pemasaran Pariwisata", "Bidang Ekonomi Kreatif"),
    ),
    (
        "Dinas Pemuda dan Olahraga",
        "Kepala Dinas Pemuda dan Olahraga",
        "kepemudaan dan olahraga",
        ("Bidang Kepemudaan", "Bidang Olahraga Prestasi", "Bidang Sarana dan Prasarana Olahraga"),
    ),
    (
        "Dinas Perpustakaan dan Kearsipan",
        "Kepala Dinas Perpustakaan dan Kearsipan",
        "perpustakaan dan kearsipan",
        ("Bidang Layanan Perpustakaan", "Bidang Pengelolaan Arsip", "Bidang Pembinaan Kearsipan"),
    ),
    (
        "Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
        "perlindungan perempuan dan anak",
        ("Bidang Kualitas Hidup Perempuan", "Bidang Perlindungan Anak", "Bidang Data dan Informasi Gender"),
    ),
    (
        "Badan Perencanaan Pembangunan Daerah",
        "Kepala Badan Perencanaan Pembangunan Daerah",
        "perencanaan pembangunan",
        (
            "Bidang Perencanaan Ekonomi",
            "Bidang Perencanaan Sosial Budaya",
            "Bidang Infrastruktur dan Kewilayahan",
            "Bidang Penelitian dan Pengembangan",
        ),
    ),
    (
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
        "pengelolaan keuangan daerah",
        ("Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi", "Bidang Pengelolaan Aset"),
    ),
    (
        "Badan Pendapatan Daerah",
        "Kepala Badan Pendapatan Daerah",
        "pendapatan daerah",
        ("Bidang Pajak Daerah", "Bidang Retribusi", "Bidang Pengendalian dan Evaluasi Pendapatan"),
    ),
    (
        "Badan Kepegawaian Daerah",
        "Kepala Badan Kepegawaian Daerah",
        "kepegawaian",
        (
            "Bidang Pengadaan dan Informasi Kepegawaian",
            "Bidang Mutasi dan Promosi",
            "Bidang Pengembangan Kompetensi",
            "Bidang Penilaian Kinerja Aparatur",
        ),
    ),
    (
        "Badan Penanggulangan Bencana Daerah",
        "Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
        "penanggulangan bencana",
        (
            "Bidang Pencegahan dan Kesiapsiagaan",
            "Bidang Kedaruratan dan Logistik",
            "Bidang Rehabilitasi dan Rekonstruksi",
        ),
    ),
    (
        "Badan Kesatuan Bangsa dan Politik",
        "Kepala Badan Kesatuan Bangsa dan Politik",
        "kesatuan bangsa",
        (
            "Bidang Ideologi dan Wawasan Kebangsaan",
            "Bidang Politik Dalam Negeri",
            "Bidang Ketahanan Ekonomi Sosial Budaya",
        ),
    ),
    (
        "Satuan Polisi Pamong Praja",
        "Kepala Satuan Polisi Pamong Praja",
        "ketenteraman dan ketertiban umum",
        ("Bidang Penegakan Peraturan Daerah", "Bidang Ketertiban Umum", "Bidang Perlindungan Masyarakat"),
    ),
    (
        "Dinas Kehutanan",
        "Kepala Dinas Kehutanan",
        "kehutanan",
        ("Bidang Perencanaan Hutan", "Bidang Rehabilitasi Hutan dan Lahan", "Bidang Perlindungan Hutan"),
    ),
    (
        "Dinas Energi dan Sumber Daya Mineral",
        "Kepala Dinas Energi dan Sumber Daya Mineral",
        "energi dan sumber daya mineral",
        ("Bidang Energi", "Bidang Geologi dan Air Tanah", "Bidang Mineral dan Batubara"),
    ),
    (
        "Dinas Perumahan dan Kawasan Permukiman",
        "Kepala Dinas Perumahan dan Kawasan Permukiman",
        "perumahan rakyat",
        ("Bidang Perumahan", "Bidang Kawasan Permukiman", "Bidang Prasarana Sarana Utilitas"),
    ),
    (
        "Dinas Ketahanan Pangan",
        "Kepala Dinas Ketahanan Pangan",
        "ketahanan pangan",
        ("Bidang Ketersediaan Pangan", "Bidang Distribusi dan Cadangan Pangan", "Bidang Keamanan Pangan"),
    ),
)
SUBBAGIAN = (
    "Subbagian Umum dan Kepegawaian",
    "Subbagian Keuangan",
    "Subbagian Perencanaan dan Pelaporan",
    "Subbagian Program dan Evaluasi",
    "Subbagian Hukum dan Kerja Sama",
)
SEKSI = (
    "Perencanaan",
    "Pembinaan",
    "Pengendalian",
    "Pelayanan",
    "Pengawasan",
    "Data dan Informasi",
    "Pengembangan",
    "Fasilitasi",
    "Evaluasi",
    "Kerja Sama",
    "Standardisasi",
    "Monitoring",
)
WILAYAH = (
    "Kota Skala",
    "Kabupaten Lembah Hijau",
    "Kabupaten Tanjung Mas",
    "Kabupaten Pesisir Timur",
    "Kabupaten Gunung Sari",
    "Kabupaten Sungai Raya",
    "Kabupaten Batu Putih",
    "Kota Bandar Baru",
    "Kabupaten Danau Biru",
    "Kabupaten Padang Luas",
    "Kabupaten Kepulauan Seribu Pulau",
    "Kota Teluk Indah",
)
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")

PELAKSANA = (
    "Pengadministrasi Perkantoran",
    "Pengelola Data dan Informasi",
    "Operator Layanan Operasional",
    "Penata Layanan Operasional",
    "Pengolah Data dan Informasi",
    "Penelaah Teknis Kebijakan",
    "Pengelola Layanan Operasional",
    "Pengadministrasi Keuangan",
    "Pengelola Umum Operasional",
    "Penata Kelola Sistem dan Teknologi Informasi",
    "Pengolah Data Perencanaan",
    "Pengelola Barang Milik Daerah",
)
# JF bases and the kategori they exist in (Permen PANRB 1/2023): "K" keahlian, "T" keterampilan.
FUNGSIONAL = (
    ("Analis Kebijakan", "K"),
    ("Analis Sumber Daya Manusia Aparatur", "K"),
    ("Perencana", "K"),
    ("Auditor", "KT"),
    ("Pranata Komputer", "KT"),
    ("Arsiparis", "KT"),
    ("Statistisi", "KT"),
    ("Analis Keuangan Pusat dan Daerah", "K"),
    ("Pengelola Pengadaan Barang/Jasa", "K"),
    ("Pranata Hubungan Masyarakat", "KT"),
    ("Penyuluh Pertanian", "KT"),
    ("Perawat", "KT"),
    ("Pustakawan", "KT"),
    ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah", "K"),
    ("Analis Hukum", "K"),
    ("Penata Ruang", "K"),
    ("Teknik Jalan dan Jembatan", "KT"),
    ("Pemadam Kebakaran", "T"),
    ("Pengawas Lingkungan Hidup", "K"),
    ("Penera", "T"),
)

# --- Planning texts ----------------------------------------------------------------------------
# {u}: the urusan of the OPD, {n}: the unit's name.
RHK_JPT_ORGANISASI = (
    "Meningkatnya kualitas pelayanan publik urusan {u}",
    "Tercapainya target indikator kinerja utama urusan {u}",
    "Meningkatnya indeks kepuasan masyarakat terhadap layanan {u}",
    "Meningkatnya akuntabilitas kinerja {n}",
    "Terwujudnya tata kelola keuangan {n} yang akuntabel",
    "Meningkatnya capaian standar pelayanan minimal urusan {u}",
    "Meningkatnya kualitas perencanaan dan penganggaran urusan {u}",
)
RHK_JPT_INDIVIDU = (
    "Terlaksananya pembinaan aparatur sipil negara di lingkungan {n}",
    "Terlaksananya koordinasi lintas perangkat daerah urusan {u}",
    "Terlaksananya reformasi birokrasi di lingkungan {n}",
)
RHK_JA = (
    "Tersusunnya dokumen perencanaan {n}",
    "Terlaksananya pembinaan dan pengawasan urusan {u}",
    "Tersedianya data dan informasi {u} yang mutakhir",
    "Terlaksananya layanan {u} sesuai standar pelayanan",
    "Tersusunnya laporan kinerja {n}",
    "Terlaksananya monitoring dan evaluasi program urusan {u}",
    "Terkelolanya administrasi dan tata usaha {n}",
    "Terlaksananya fasilitasi kegiatan urusan {u}",
    "Tersusunnya kajian dan rekomendasi kebijakan urusan {u}",
    "Terselesaikannya pengaduan masyarakat tentang layanan {u}",
)
RHK_TAMBAHAN = (
    "Menjadi narasumber sosialisasi urusan {u}",
    "Menjadi anggota tim penyusun rencana strategis {n}",
    "Melaksanakan tugas sebagai panitia pengadaan barang/jasa",
    "Menjadi anggota tim reformasi birokrasi {n}",
)
PERSPEKTIF = ("PENERIMA_LAYANAN", "PROSES_BISNIS", "PENGUATAN_INTERNAL", "ANGGARAN")
PENUGASAN = ("Gubernur", "Sekretaris Daerah", "")
UKURAN_KUALITATIF = (
    "Hasil kerja diterima pimpinan tanpa perbaikan dan diselesaikan sesuai jadwal",
    "Layanan diberikan sesuai standar pelayanan dan tidak ada pengaduan yang berulang",
)
# (aspek, indikator, target, satuan) per aspek: "{o}" the object of the RHK.
INDIKATOR_JA: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("KUANTITAS", "Jumlah {o} yang diselesaikan", ("4", "6", "12", "24"), "Dokumen"),
    ("KUALITAS", "Persentase {o} yang sesuai standar", ("90", "95", "100"), "%"),
    ("WAKTU", "Ketepatan waktu penyelesaian {o}", ("12",), "Bulan"),
)
INDIKATOR_JPT: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("", "Indeks kepuasan masyarakat atas {o}", ("80", "82", "85"), "Indeks"),
    ("", "Persentase capaian target {o}", ("90", "95", "100"), "%"),
    ("", "Nilai evaluasi akuntabilitas {o}", ("70", "75", "80"), "Nilai"),
)
OBJEK = ("laporan", "dokumen", "layanan", "rekomendasi", "kegiatan", "kajian", "data")
TARGET_KUALITATIF = "Dokumen tersusun lengkap dan disetujui pimpinan"
REALISASI_KUALITATIF = (
    "Dokumen telah tersusun dan disampaikan kepada pimpinan",
    "Telah dilaksanakan sesuai rencana",
    "Sebagian besar telah dilaksanakan; sisanya dijadwalkan pada periode berikut",
)
SUMBER_DATA = (
    "Aplikasi e-Kinerja",
    "Laporan bulanan",
    "Notulen rapat",
    "Aplikasi SIPD",
    "Hasil survei kepuasan",
    "Arsip surat keluar",
    "Dokumen laporan kegiatan",
)
CATATAN_KEMBALI = (
    "Indikator RHK utama belum terukur; mohon dilengkapi target kuantitasnya.",
    "RHK belum selaras dengan RHK atasan yang diintervensi; mohon diperbaiki.",
)
EKSPEKTASI = (
    "Memberikan layanan yang cepat dan ramah kepada pemohon",
    "Menyelesaikan laporan tepat waktu dan dapat dipertanggungjawabkan",
    "Aktif berbagi pengetahuan dengan rekan kerja",
    "Proaktif menawarkan perbaikan proses kerja",
)
UMPAN_BALIK = (
    "Terima kasih, hasil kerja sesuai ekspektasi.",
    "Mohon lengkapi bukti dukung sebelum batas pengisian.",
    "Pertahankan ketepatan waktu pelaporan.",
    "Perlu koordinasi lebih awal dengan seksi terkait.",
    "Kualitas dokumen sudah baik, tingkatkan kelengkapan datanya.",
    "\N{THUMBS UP SIGN}",
)
ALASAN_KEBERATAN = (
    "Realisasi saya melampaui target namun rating hasil kerja dinilai sesuai ekspektasi.",
    "Bukti dukung yang saya unggah belum dipertimbangkan dalam penilaian.",
)
PENJELASAN = "Penilaian mempertimbangkan kualitas hasil kerja dan umpan balik selama periode."
KEPUTUSAN = "Setelah memeriksa bukti dukung, keputusan ditetapkan sebagaimana tercantum."
DESKRIPSI_RATING = (
    "",
    "",
    "Hasil kerja memenuhi target yang disepakati.",
    "Perlu peningkatan ketepatan waktu.",
)
REVISI = "Penyesuaian RHK karena perubahan prioritas organisasi."
ALASAN_DISTRIBUSI = "Distribusi predikat mengikuti capaian riil pegawai pada unit ini."
PUSTAKA_UMPAN_BALIK = UMPAN_BALIK[:5]
