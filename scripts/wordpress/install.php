<?php
/*
 * Installs the test WordPress into the run's empty database and prints, as JSON, the application
 * password of its administrator. Run by scripts/lib/wordpress.mjs with the same environment as the
 * php server (see config.php) plus BIENTAP_WP_ADMIN_USER and BIENTAP_WP_ADMIN_PASSWORD.
 */
$_SERVER['WORDPRESS_CONFIG'] = 'bientap-test';
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = '80';
$_SERVER['REQUEST_METHOD'] = 'GET';

define('WP_INSTALLING', true);

// There is no sendmail here: WordPress's welcome mail goes nowhere. Defined before pluggable.php.
function wp_mail($to, $subject, $message, $headers = '', $attachments = array())
{
    return true;
}

require rtrim(getenv('BIENTAP_WP_ROOT') ?: '/usr/share/wordpress', '/') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$user = getenv('BIENTAP_WP_ADMIN_USER');
$result = wp_install('Biên Tập — trang thử', $user, 'admin@example.invalid', true, '', wp_slash(getenv('BIENTAP_WP_ADMIN_PASSWORD')));
if (is_wp_error($result)) {
    fwrite(STDERR, $result->get_error_message() . "\n");
    exit(1);
}

// The office's site: Vietnamese time (so `date` and `date_gmt` differ), pretty links, the test theme.
update_option('timezone_string', 'Asia/Ho_Chi_Minh');
update_option('gmt_offset', '');
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
update_option('template', 'bientap-test');
update_option('stylesheet', 'bientap-test');
update_option('uploads_use_yearmonth_folders', 1);
flush_rewrite_rules(false);

if (!wp_is_application_passwords_available()) {
    fwrite(STDERR, "Application passwords are not available (WP_ENVIRONMENT_TYPE must be local over http).\n");
    exit(1);
}
$created = WP_Application_Passwords::create_new_application_password($result['user_id'], array('name' => 'bientap-test'));
if (is_wp_error($created)) {
    fwrite(STDERR, $created->get_error_message() . "\n");
    exit(1);
}
echo json_encode(array('userId' => $result['user_id'], 'appPassword' => $created[0])), "\n";
