package ru.newsmed.imagegen.gigachat;

/**
 * What a GigaChat access token is issued for: the OAuth URL, the authorization key and the scope.
 * Tokens are shared by credentials; the key is never shown, not even by {@link #toString()}.
 */
record GigaChatCredentials(String oauthUrl, String authKey, String scope) {

    boolean configured() {
        return authKey != null && !authKey.isBlank();
    }

    /** The value of the OAuth call's Authorization header. */
    String basicAuthorization() {
        String key = authKey.strip();
        return key.regionMatches(true, 0, "Basic ", 0, 6) ? key : "Basic " + key;
    }

    @Override
    public String toString() {
        return "GigaChatCredentials[" + oauthUrl + ", scope " + scope + "]";
    }
}
