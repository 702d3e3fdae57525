#include <iostream>
int main() { std::cout << "Usage: fynd-index\n"; }
