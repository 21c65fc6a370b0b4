// Boost.URL's compiled part, built into the server from its headers (Boost
// 1.81 ships it header-only this way), so the binary needs no libboost_url.
#include <boost/url/src.hpp>
