"""Language names as their speakers write them (for the language switcher)."""

NATIVE_NAMES = {
    "de": "Deutsch",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "uk": "Українська",
    "de-ls": "Leichte Sprache",
}
