<?php
/*
 * Biên Tập's private test WordPress: the host configuration Debian's /usr/share/wordpress/wp-config.php
 * loads as /etc/wordpress/config-bientap-test.php when the request sets WORDPRESS_CONFIG=bientap-test
 * (router.php and install.php do; no real site uses that name). scripts/lib/wordpress.mjs copies this
 * file there. Everything that differs between runs comes from the environment of the php process, so
 * one copy serves every run, each with its own database and wp-content folder.
 */
function bientap_test_env($name)
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        http_response_code(500);
        exit("Biên Tập test WordPress: $name is not set.\n");
    }
    return $value;
}

// A private MariaDB on a Unix socket in the run's temporary folder; root has no password there.
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:' . bientap_test_env('BIENTAP_WP_DB_SOCKET'));
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');

define('WP_HOME', bientap_test_env('BIENTAP_WP_SITE_URL'));
define('WP_SITEURL', WP_HOME);
// Uploads and the test theme live in the run's own folder, served by router.php under /wp-content/.
define('WP_CONTENT_DIR', bientap_test_env('BIENTAP_WP_CONTENT_DIR'));

// Application Passwords over plain http are only offered on a "local" site.
define('WP_ENVIRONMENT_TYPE', 'local');
// A test site talks to nothing outside this machine: no update checks, no pings.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISALLOW_FILE_MODS', true);
define('WP_DEBUG', false);

$bientap_salt = bientap_test_env('BIENTAP_WP_SALT');
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'] as $bientap_key) {
    define($bientap_key, hash('sha256', $bientap_key . $bientap_salt));
}
unset($bientap_salt, $bientap_key);

$table_prefix = 'wp_';
